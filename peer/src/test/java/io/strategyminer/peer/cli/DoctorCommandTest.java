package io.strategyminer.peer.cli;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.cluster.JoinToken;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.PeerRuntime;
import io.strategyminer.peer.runtime.RuntimeTestSupport;
import io.strategyminer.peer.runtime.SecretFile;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code doctor}, {@code token}, the shared-machine warning of {@code status} and the token refusal of {@code submit}
 * against a real cluster: two peer runtimes in this JVM on loopback (real JGroups over TCP seeds, RocksDB, sync), which
 * announce one machine id as every test peer does ({@code RuntimeTestSupport.loopbackPeer}), the first serving its HTTP
 * API as {@code peer start} does, the second trusting no source (as a request from another machine sees it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DoctorCommandTest {
    private static final Pattern JOIN_TOKEN = Pattern.compile("(?m)^  (smjoin1\\.\\S+)$");
    private final ObjectMapper json = new ObjectMapper();
    private final List<PeerRuntime> peers = new ArrayList<>();
    private final List<HttpEndpoint> endpoints = new ArrayList<>();
    private List<Integer> ports;
    private ClusterSecret secret;
    private Path root;

    @BeforeAll
    void startTwoPeersWithHttp() throws IOException {
        root = Files.createTempDirectory("sm-cli-doctor");
        secret = ClusterSecret.generate(new SecureRandom());
        ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort());
        for (int i = 0; i < ports.size(); i++) {
            String name = "doc-" + i;
            peers.add(PeerRuntime.start(RuntimeTestSupport.loopbackPeer(name, root.resolve(name), ports.get(i), ports,
                    secret)));
        }
        endpoints.add(HttpEndpoint.start(peers.get(0), "127.0.0.1", 0));
        endpoints.add(HttpEndpoint.start(peers.get(1), "127.0.0.1", 0, config -> config.withTrustedSource(a -> false)));
        RuntimeTestSupport.awaitOneView(peers);
    }

    @AfterAll
    void stopPeers() {
        RuntimeTestSupport.stopAll(endpoints, peers, root);
    }

    private String url(int peer) {
        return "http://127.0.0.1:" + endpoints.get(peer).address().getPort();
    }

    private String seeds() {
        return "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1);
    }

    @Test
    void doctorJsonFindsThePortsHeldByTheRunningPeerTheSeedsAnsweringAndTheSharedMachineId() throws IOException {
        // the first peer has measured the second's clock (broadcast every 5 s)
        await(Duration.ofSeconds(20), "doc-0 measured doc-1's clock",
                () -> peers.get(0).clockOffsetMillis(peers.get(1).peerId()).isPresent());
        CliRun run = new CliRun();
        int exit = run.execute("doctor", "--json", "--data-dir", root.resolve("doc-0").toString(), "--port",
                String.valueOf(ports.get(0)), "--seeds", seeds(), "--bind", "127.0.0.1", "--peer", url(0));

        assertEquals(0, exit, "a warning is no failure: " + run.out() + run.err());
        JsonNode report = json.readTree(run.out()); // stdout is the JSON document only
        assertTrue(report.get("ok").asBoolean());
        Map<String, JsonNode> checks = new HashMap<>();
        report.get("checks").forEach(c -> checks.put(c.get("check").asText(), c));
        assertEquals(List.of("java", "ports", "data-dir", "multicast", "seeds", "machine-ids", "clock", "sleep"),
                report.get("checks").findValuesAsText("check"));
        assertStatus(checks, "java", "ok");
        assertStatus(checks, "ports", "ok");
        assertTrue(checks.get("ports").get("finding").asText().contains(ports.get(0) + "/tcp (cluster), "
                + (ports.get(0) + 1) + "/tcp (sync), " + (ports.get(0) + 2) + "/tcp (failure detection), "
                + endpoints.get(0).address().getPort() + "/tcp (HTTP): in use by the peer running here, doc-0 ("
                + peers.get(0).peerId().hex().substring(0, 8) + ")"), checks.get("ports").toString());
        assertStatus(checks, "data-dir", "ok");
        assertStatus(checks, "multicast", "skip"); // with --seeds
        assertStatus(checks, "seeds", "ok");
        assertStatus(checks, "machine-ids", "warn");
        assertTrue(checks.get("machine-ids").get("finding").asText().startsWith("doc-0 ("), checks.get("machine-ids")
                .toString());
        assertTrue(checks.get("machine-ids").get("finding").asText().contains(" and doc-1 ("));
        assertTrue(checks.get("machine-ids").get("fix").asText().contains("sudo systemd-machine-id-setup"));
        assertStatus(checks, "clock", "ok"); // one JVM, one clock: the offset is the delivery delay
        assertTrue(checks.get("clock").get("finding").asText().startsWith("doc-1's clock is "),
                checks.get("clock").toString());
        if (!System.getProperty("os.name").startsWith("Mac")) {
            assertStatus(checks, "sleep", "skip");
        }
        assertTrue(checks.get("java").get("fix").isNull(), "an ok finding has no fix");
    }

    @Test
    void doctorFailsWithExitCode1WhenThePortsBelongToAnotherPeerAndASeedIsSilent() throws IOException {
        int silent = LoopbackTestSupport.freeBasePort();
        CliRun run = new CliRun();
        // the ports of doc-1 while asking doc-0: something else holds them, as a second peer started there would find
        int exit = run.execute("doctor", "--data-dir", root.resolve("doc-0").toString(), "--port",
                String.valueOf(ports.get(1)), "--seeds", "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + silent, "--bind",
                "127.0.0.1", "--peer", url(0));

        assertEquals(1, exit, run.out() + run.err());
        String out = run.out();
        assertTrue(out.contains("FAIL  ports        " + ports.get(1) + "/tcp (cluster), " + (ports.get(1) + 1)
                + "/tcp (sync), " + (ports.get(1) + 2) + "/tcp (failure detection): taken by another program or peer,"
                + " not doc-0"), out);
        assertTrue(out.contains("fix: find what holds it (Linux: `sudo ss -ltnup | grep :" + ports.get(1) + "`"), out);
        assertTrue(out.contains("WARN  seeds        no answer from 127.0.0.1:" + silent), out);
        assertTrue(out.contains("WARN  machine-ids  doc-0 ("), out);
        assertTrue(out.strip().endsWith("1 check(s) failed: ports."), out);
    }

    @Test
    void tokenPrintsTheJoinTokenOfTheStoredSecretOnAnyMemberAndTheHttpToken() throws IOException {
        // what `peer start --join` stored on the second peer (StartCommandTest); these runtimes were started in-process
        SecretFile.store(root.resolve("doc-1"), secret);
        CliRun run = new CliRun();
        int exit = run.execute("token", "--data-dir", root.resolve("doc-1").toString(), "--port",
                String.valueOf(ports.get(1)), "--bind", "127.0.0.1", "--seeds", seeds());

        assertEquals(0, exit, run::err);
        String out = run.out();
        Matcher token = JOIN_TOKEN.matcher(out);
        assertTrue(token.find(), out);
        JoinToken decoded = JoinToken.decode(token.group(1));
        assertTrue(decoded.secret().sameAs(secret), "the cluster's secret, from the second peer's data dir");
        assertEquals(List.of(new SeedAddress("127.0.0.1", ports.get(1))), decoded.seeds());
        assertTrue(out.contains("  peer start --join " + token.group(1) + " --seeds " + seeds()
                + " --bind <its VPN address>"), out);
        assertTrue(out.contains("HTTP token (changes through the HTTP API from other machines: `peer submit --token T`"),
                out);
        assertTrue(out.strip().endsWith(HttpEndpoint.token(secret)), out);
    }

    @Test
    void tokenWithoutAStoredSecretNamesTheFixAndCreatesNothing() {
        Path empty = root.resolve("no-peer-here");
        CliRun run = new CliRun();
        assertEquals(2, run.execute("token", "--data-dir", empty.toString()));
        assertTrue(run.err().startsWith("error: no cluster secret in " + empty + " (no file cluster-secret): no peer has"
                + " run with this data dir."), run.err());
        assertTrue(run.err().contains("`peer start --join TOKEN`"), run.err());
        assertFalse(Files.exists(empty), "nothing is created");
    }

    @Test
    void statusWarnsOfPeersThatAnnounceOneMachineIdWithTheFix() {
        CliRun run = new CliRun();
        assertEquals(0, run.execute("status", "--peer", url(0)), run::err);
        assertTrue(Pattern.compile("(?m)^WARNING: doc-[01] \\(\\w{8}\\) and doc-[01] \\(\\w{8}\\) announce one machine id"
                + " \\(\\w{8}\\): a quorum counts them as one peer\\. Fix: if they are cloned VMs, give each its own id")
                .matcher(run.out()).find(), run.out());
    }

    @Test
    void aChangeRefusedForWantOfTheTokenNamesTheOptionAndTheCommandThatPrintsIt() {
        int searches = peers.get(1).read(state -> state.searches().size());
        CliRun without = new CliRun();
        assertEquals(2, without.execute("submit", "--peer", url(1), "--work-units", "1"));
        String err = without.err().strip();
        assertTrue(err.contains("changes from another machine need the cluster token: send the header 'Authorization:"
                + " Bearer <token>'; `peer token` on any peer of the cluster prints it"), err);
        assertTrue(err.contains("(HTTP 401 from POST /api/searches on " + url(1) + "); pass --token T (`peer token`"
                + " prints T on any peer of the cluster)"), err);

        CliRun wrong = new CliRun();
        assertEquals(2, wrong.execute("submit", "--peer", url(1), "--work-units", "1", "--token", "0".repeat(32)));
        assertTrue(wrong.err().contains("the cluster token is wrong: `peer token` on any peer of this cluster prints the"
                + " right one (HTTP 403"), wrong.err());
        assertFalse(wrong.err().contains("pass --token"), "--token was given: " + wrong.err());
        assertEquals(searches, (int) peers.get(1).read(state -> state.searches().size()), "nothing was submitted");
    }

    private static void assertStatus(Map<String, JsonNode> checks, String check, String status) {
        assertEquals(status, checks.get(check).get("status").asText(), checks.get(check).toString());
    }
}
