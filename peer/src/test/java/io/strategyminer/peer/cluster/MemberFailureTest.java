package io.strategyminer.peer.cluster;

import io.strategyminer.peer.LoopbackTestSupport;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strategyminer.peer.security.ClusterSecret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A member in a child JVM fails the two ways laptops fail: killed (SIGKILL: its sockets close) and asleep
 * (SIGSTOP: sockets open, nothing answers). Two members in this JVM must exclude it, and take it back when
 * it wakes.
 */
class MemberFailureTest {
    private static final String CLUSTER = "sm-failure-test";
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final List<ViewChange> changesAtFirst = new CopyOnWriteArrayList<>();
    private Process child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        ClusterTestSupport.closeAll(nodes);
    }

    /**
     * Two members here and one child JVM named "victim", all in one view; the victim is the oldest member
     * (the coordinator) if {@code victimFirst}, else the youngest.
     */
    private void startCluster(String timings, boolean victimFirst) throws Exception {
        ClusterSecret secret = ClusterTestSupport.newSecret();
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        if (victimFirst) {
            startChild(secret, timings, ports);
        }
        for (int i = 0; i < 2; i++) {
            ClusterConfig config = ClusterTestSupport.seeded("n" + i, secret, ports.get(i), ports);
            ClusterNode node = new ClusterNode("fast".equals(timings) ? config.withTimings(ClusterTestSupport.FAST) : config);
            nodes.add(node);
            node.onViewChange(i == 0 ? changesAtFirst::add : change -> { });
            node.connect(CLUSTER);
        }
        if (!victimFirst) {
            startChild(secret, timings, ports);
        }
        await(Duration.ofSeconds(20), "both members see the child", () -> allSee(true));
        assertEquals(victimFirst ? "victim" : "n0", nodes.get(0).view().coordinator().name());
    }

    private void startChild(ClusterSecret secret, String timings, List<Integer> ports) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ClusterChild.class.getName(), "victim", String.valueOf(ports.get(2)), CLUSTER, timings));
        ports.forEach(p -> command.add(String.valueOf(p)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SM_TEST_CLUSTER_SECRET", secret.encoded());
        child = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "failed: " + e;
            }
        }).get(30, TimeUnit.SECONDS);
        assertTrue(ready != null && ready.startsWith("READY"), "child said: " + ready);
    }

    private boolean allSee(boolean victimPresent) {
        return nodes.stream().allMatch(n -> n.view().containsName("victim") == victimPresent
                && n.view().size() == (victimPresent ? 3 : 2));
    }

    @Test
    void aKilledMemberIsRemovedFromTheView() throws Exception {
        startCluster("default", false);
        long excludedAfter = killVictim();
        System.out.printf("cluster: SIGKILLed member excluded from the view after %d ms (default timings)%n", excludedAfter);
        assertEquals("n0", nodes.get(0).view().coordinator().name());
    }

    @Test
    void aKilledCoordinatorIsReplacedByTheNextOldest() throws Exception {
        startCluster("default", true);
        long replacedAfter = killVictim();
        System.out.printf("cluster: SIGKILLed coordinator replaced by the next oldest after %d ms (default timings)%n",
                replacedAfter);
        assertEquals("n0", nodes.get(0).view().coordinator().name());
        assertTrue(nodes.get(0).isCoordinator());
    }

    /** SIGKILLs the child and waits until both members exclude it; returns the milliseconds that took. */
    private long killVictim() throws Exception {
        long killed = System.nanoTime();
        child.destroyForcibly(); // SIGKILL: no leave message, only the closed sockets tell
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child died");
        // A liveness bound, not a timing assertion: FD_ALL3 alone would exclude it after 15 s + verification.
        await(Duration.ofSeconds(30), "the killed member leaves every view", () -> allSee(false));
        long elapsed = (System.nanoTime() - killed) / 1_000_000;
        assertEquals(nodes.get(0).view(), nodes.get(1).view());
        return elapsed;
    }

    @Test
    void aSleepingMemberIsExcludedAndMergedBackWhenItWakes() throws Exception {
        sleepAndWake("fast", ClusterTestSupport.FAST);
    }

    /** The same with the production timings (15 s silence, merges every 10-20 s): about 40 s, so not by default. */
    @Test
    @Tag("benchmark")
    void aSleepingMemberWithDefaultTimings() throws Exception {
        sleepAndWake("default", ClusterConfig.Timings.DEFAULT);
    }

    private void sleepAndWake(String timingsName, ClusterConfig.Timings timings) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
                "needs the kill command to send SIGSTOP/SIGCONT");
        startCluster(timingsName, false);
        long slept = System.nanoTime();
        signal("STOP"); // like a laptop lid closing: sockets stay open, nothing answers
        await(Duration.ofSeconds(60), "the silent member leaves every view", () -> allSee(false));
        long excluded = System.nanoTime();
        signal("CONT");
        await(Duration.ofSeconds(60), "the woken member is back in every view", () -> allSee(true));
        long back = System.nanoTime();
        System.out.printf("cluster: SIGSTOPped member excluded after %d ms (silence timeout %d ms), back %d ms after"
                        + " SIGCONT (merge interval %d-%d ms)%n", (excluded - slept) / 1_000_000,
                timings.silenceTimeout().toMillis(), (back - excluded) / 1_000_000,
                timings.mergeInterval().toMillis(), 2 * timings.mergeInterval().toMillis());
        assertTrue(changesAtFirst.stream().anyMatch(c -> c.left().stream().anyMatch(m -> m.name().equals("victim"))),
                "n0 was told the sleeper left: " + changesAtFirst);
        assertTrue(changesAtFirst.stream().anyMatch(c -> c.merged()
                        && c.joined().stream().anyMatch(m -> m.name().equals("victim"))),
                "the sleeper came back through a merge view: " + changesAtFirst);
        assertEquals(nodes.get(0).view(), nodes.get(1).view());
        // The default JGroups merge sorts addresses, so the sleeper would coordinate in one run of three.
        assertNotEquals("victim", nodes.get(0).view().coordinator().name(),
                "the merged view keeps the larger side's coordinator, not the peer that was cut off: " + changesAtFirst);
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(child.pid())).inheritIO().start();
        assertTrue(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " failed");
    }
}
