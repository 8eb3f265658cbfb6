package io.strategyminer.peer.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.doctor.Checks.PortCheck;
import io.strategyminer.peer.doctor.Probes.DataDirState;
import io.strategyminer.peer.doctor.Probes.JavaRuntime;
import io.strategyminer.peer.doctor.Probes.MulticastResult;
import io.strategyminer.peer.doctor.Probes.MulticastResult.Outcome;
import io.strategyminer.peer.doctor.Probes.PortState;
import io.strategyminer.peer.doctor.Probes.PortState.Availability;
import io.strategyminer.peer.doctor.Probes.Protocol;
import io.strategyminer.peer.doctor.Probes.RunningPeer;
import io.strategyminer.peer.doctor.Probes.SeedAnswer;
import io.strategyminer.peer.runtime.DiskPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each check's judgement of made-up observations: what it says, and what it tells the user to do. */
class ChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(32);
    private static final String C = "c".repeat(32);
    private static final String URL = "http://127.0.0.1:8080";

    @Test
    void javaBelow17FailsAndNamesTheVersionToInstall() {
        Finding old = Checks.java(new JavaRuntime(11, "11.0.2", "Oracle", "/opt/jdk11"));
        assertEquals(Status.FAIL, old.status());
        assertTrue(old.finding().contains("11.0.2") && old.fix().orElseThrow().contains("Java 17+"), old.toString());
        assertEquals(Status.OK, Checks.java(new JavaRuntime(21, "21.0.1", "Eclipse Adoptium", "/opt/jdk21")).status());
    }

    @Test
    void portsHeldByTheRunningPeerAreFineWhileOthersFailNamingTheCommandThatFindsTheHolder() throws Exception {
        RunningPeer peer = RunningPeer.answered(URL, status(7800, List.of(A)), peers());
        List<PortCheck> held = ports(7800, Availability.TAKEN, Availability.TAKEN);
        Finding ours = Checks.ports(held, peer, 8080);
        assertEquals(Status.OK, ours.status(), ours.toString());
        assertTrue(ours.finding().contains("in use by the peer running here, alpha (aaaaaaaa)"), ours.finding());

        Finding free = Checks.ports(ports(7800, Availability.FREE, Availability.FREE), peer, 8080);
        assertEquals(Status.OK, free.status());
        assertTrue(free.finding().startsWith("7800/udp (cluster), 7801/tcp (sync), 7802/tcp (failure detection),"
                + " 8080/tcp (HTTP): free"), free.finding());

        // the running peer uses 7810: whatever holds 7800..7802 is something else, and that stops a start
        Finding taken = Checks.ports(held, RunningPeer.answered(URL, status(7810, List.of(A)), peers()), 8080);
        assertEquals(Status.FAIL, taken.status());
        assertTrue(taken.finding().contains("7800/udp (cluster), 7801/tcp (sync), 7802/tcp (failure detection): taken"
                + " by another program or peer, not alpha (aaaaaaaa) (which uses 7810–7812)"), taken.finding());
        assertTrue(taken.fix().orElseThrow().contains("lsof -nP -i :7800")
                && taken.fix().get().contains("--port 7810"), taken.fix().get());

        Finding nobody = Checks.ports(held, RunningPeer.none(URL, "nothing answers there"), 8080);
        assertEquals(Status.FAIL, nobody.status());
        assertTrue(nobody.finding().contains("a peer whose HTTP API is not at " + URL), nobody.finding());
    }

    @Test
    void aBindAddressOfAnotherMachineFailsWhileAnHttpPortOfAnotherMachineIsOnlyNotChecked() {
        RunningPeer none = RunningPeer.none(URL, "nothing answers there");
        Finding remoteHttp = Checks.ports(ports(7800, Availability.FREE, Availability.NOT_LOCAL), none, 8080);
        assertEquals(Status.OK, remoteHttp.status());
        assertTrue(remoteHttp.finding().contains("HTTP port not checked: --peer names another machine"),
                remoteHttp.finding());
        Finding remoteBind = Checks.ports(ports(7800, Availability.NOT_LOCAL, Availability.FREE), none, 8080);
        assertEquals(Status.FAIL, remoteBind.status());
        assertTrue(remoteBind.fix().orElseThrow().startsWith("--bind takes an address of this machine"));
    }

    @Test
    void theDataDirMustBeWritableWithTheDiskPolicysReserveFree() {
        Path dir = Path.of("/data/sm");
        DiskPolicy policy = DiskPolicy.DEFAULT;
        assertEquals(Status.OK, Checks.dataDir(dir, new DataDirState(true, Optional.empty(), Optional.empty(),
                10L << 30), policy).status());
        Finding readOnly = Checks.dataDir(dir, new DataDirState(true, Optional.of("AccessDeniedException"),
                Optional.empty(), 10L << 30), policy);
        assertEquals(Status.FAIL, readOnly.status());
        assertTrue(readOnly.fix().orElseThrow().contains("--data-dir"));
        Finding full = Checks.dataDir(dir, new DataDirState(true, Optional.empty(), Optional.of("the data dir /data/sm"
                + " has 12 MiB free, less than the 256 MiB a peer keeps in reserve"), 12L << 20), policy);
        assertEquals(Status.FAIL, full.status());
        assertTrue(full.fix().orElseThrow().contains("more than 256 MiB free"), full.fix().get());
    }

    @Test
    void multicastThatDoesNotComeBackOrHasNoRouteFailsAndSuggestsSeeds() {
        ClusterConfig.Multicast group = ClusterConfig.Multicast.DEFAULT;
        assertEquals(Status.OK, Checks.multicast(group, new MulticastResult(Outcome.RECEIVED, "eth0 (192.168.1.20)",
                "0.4 ms", false)).status());
        Finding loopbackOnly = Checks.multicast(group, new MulticastResult(Outcome.RECEIVED, "lo (127.0.0.1)", "0.1 ms",
                true));
        assertEquals(Status.WARN, loopbackOnly.status());
        for (Outcome outcome : List.of(Outcome.NOT_RECEIVED, Outcome.NO_ROUTE)) {
            Finding lost = Checks.multicast(group, new MulticastResult(outcome, "wlan0 (10.0.0.5)", "2000 ms", false));
            assertEquals(Status.FAIL, lost.status());
            assertTrue(lost.fix().orElseThrow().contains("--seeds"), lost.fix().get());
        }
        assertEquals(Status.SKIP, Checks.multicastNotUsed().status());
    }

    @Test
    void seedsFailWhenNoneAnswersAndWarnWhenSomeDoNot() {
        SeedAnswer up = new SeedAnswer(SeedAddress.parse("100.64.0.1:7800"), true, "12 ms");
        SeedAnswer down = new SeedAnswer(SeedAddress.parse("100.64.0.2:7800"), false, "connection refused");
        assertEquals(Status.SKIP, Checks.seeds(List.of()).status());
        assertEquals(Status.OK, Checks.seeds(List.of(up)).status());
        Finding some = Checks.seeds(List.of(up, down));
        assertEquals(Status.WARN, some.status());
        assertTrue(some.finding().contains("no answer from 100.64.0.2:7800 (connection refused)"), some.finding());
        assertEquals(Status.FAIL, Checks.seeds(List.of(down)).status());
    }

    @Test
    void peersSharingAMachineIdAreNamedWithTheFixAndNothingIsMeasuredWithoutAPeer() throws Exception {
        JsonNode status = status(7800, List.of(A, B, C));
        ((com.fasterxml.jackson.databind.node.ObjectNode) status).set("sharedMachines", JSON.readTree(
                "[{\"machine\": \"" + "f".repeat(32) + "\", \"peers\": [\"" + A + "\", \"" + C + "\"]}]"));
        Finding shared = Checks.machineIds(RunningPeer.answered(URL, status, peers()));
        assertEquals(Status.WARN, shared.status());
        assertTrue(shared.finding().startsWith("alpha (aaaaaaaa) and gamma (cccccccc) announce one machine id"
                + " (ffffffff)"), shared.finding());
        assertTrue(shared.fix().orElseThrow().contains("sudo rm /etc/machine-id && sudo systemd-machine-id-setup"));
        assertEquals(Status.OK, Checks.machineIds(RunningPeer.answered(URL, status(7800, List.of(A, B)), peers()))
                .status());
        Finding none = Checks.machineIds(RunningPeer.none(URL, "nothing answers there"));
        assertEquals(Status.SKIP, none.status());
        assertTrue(none.finding().startsWith("not measurable: no peer answers at " + URL), none.finding());
    }

    @Test
    void clockSkewIsJudgedOnTheLargestMeasuredOffsetAndNeverInvented() throws Exception {
        RunningPeer alone = RunningPeer.answered(URL, status(7800, List.of(A)), peers(offsets(null, null, null)));
        assertTrue(Checks.clock(alone).finding().startsWith("not measurable: no other peer is in the view"));
        RunningPeer unmeasured = RunningPeer.answered(URL, status(7800, List.of(A, B)), peers(offsets(0L, null, null),
                A, B));
        Finding yet = Checks.clock(unmeasured);
        assertEquals(Status.SKIP, yet.status());
        assertTrue(yet.finding().startsWith("not measurable yet"), yet.finding());

        assertEquals(Status.OK, Checks.clock(inView(0L, 40L, -300L)).status());
        Finding warn = Checks.clock(inView(0L, 40L, -4_500L));
        assertEquals(Status.WARN, warn.status());
        assertTrue(warn.finding().startsWith("gamma's clock is 4.5 s behind alpha (aaaaaaaa)'s"), warn.finding());
        assertTrue(warn.fix().orElseThrow().contains("timedatectl set-ntp true"));
        Finding fail = Checks.clock(inView(0L, 95_000L, -4_500L));
        assertEquals(Status.FAIL, fail.status());
        assertTrue(fail.finding().startsWith("beta's clock is 95.0 s ahead of alpha (aaaaaaaa)'s"), fail.finding());
    }

    @Test
    void sleepIsReadFromPmsetOnMacOsOnly() {
        assertEquals(Status.SKIP, Checks.sleep("Linux", Optional.empty()).status());
        String sleeping = """
                System-wide power settings:
                Currently in use:
                 standby              1
                 disksleep            10
                 sleep                1 (sleep prevented by coreaudiod)
                 displaysleep         2
                """;
        Finding warn = Checks.sleep("Mac OS X", Optional.of(sleeping));
        assertEquals(Status.WARN, warn.status());
        assertTrue(warn.finding().contains("sleeps after 1 min idle") && warn.fix().orElseThrow()
                .contains("sudo pmset -c sleep 0"), warn.toString());
        assertEquals(Status.OK, Checks.sleep("Mac OS X", Optional.of(" disksleep 10\n sleep 0\n")).status(),
                "disksleep is not sleep");
        assertEquals(Status.SKIP, Checks.sleep("Mac OS X", Optional.empty()).status());
    }

    @Test
    void aWarningOrFailureWithoutAFixCannotBeMade() {
        assertThrows(IllegalArgumentException.class, () -> new Finding("x", Status.FAIL, "broken", Optional.empty()));
    }

    private static List<PortCheck> ports(int port, Availability cluster, Availability http) {
        return List.of(new PortCheck(port, "cluster", Protocol.UDP, state(cluster)),
                new PortCheck(port + 1, "sync", Protocol.TCP, state(cluster)),
                new PortCheck(port + 2, "failure detection", Protocol.TCP, state(cluster)),
                new PortCheck(8080, "HTTP", Protocol.TCP, state(http)));
    }

    private static PortState state(Availability availability) {
        return new PortState(availability, availability == Availability.FREE ? "" : "Address already in use");
    }

    private static JsonNode status(int clusterPort, List<String> members) throws Exception {
        return JSON.readTree("{\"self\": {\"id\": \"" + A + "\", \"name\": \"alpha\", \"clusterPort\": " + clusterPort
                + "}, \"view\": {\"id\": 3, \"members\": " + JSON.writeValueAsString(members) + "}, \"sharedMachines\": []}");
    }

    private static JsonNode peers() throws Exception {
        return peers(offsets(0L, 10L, 20L), A, B, C);
    }

    private static RunningPeer inView(Long a, Long b, Long c) throws Exception {
        return RunningPeer.answered(URL, status(7800, List.of(A, B, C)), peers(offsets(a, b, c), A, B, C));
    }

    private static Long[] offsets(Long a, Long b, Long c) {
        return new Long[] {a, b, c};
    }

    private static JsonNode peers(Long[] offsets, String... inView) throws Exception {
        List<String> view = List.of(inView);
        String[] ids = {A, B, C};
        String[] names = {"alpha", "beta", "gamma"};
        StringBuilder json = new StringBuilder("{\"peers\": [");
        for (int i = 0; i < 3; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\": \"").append(ids[i]).append("\", \"name\": \"")
                    .append(names[i]).append("\", \"self\": ").append(i == 0).append(", \"inView\": ")
                    .append(view.contains(ids[i])).append(", \"clockOffsetMillis\": ").append(offsets[i]).append('}');
        }
        return JSON.readTree(json.append("]}").toString());
    }
}
