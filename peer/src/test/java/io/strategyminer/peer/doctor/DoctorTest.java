package io.strategyminer.peer.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.SeedAddress;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The doctor over made-up observations: which probes it asks, in which order its findings come, when it fails. */
class DoctorTest {

    /** Everything fine, no peer running; records what was probed. */
    private static final class QuietMachine implements Probes {
        final List<String> probed = new ArrayList<>();
        Probes.PortState.Availability sync = Probes.PortState.Availability.FREE;

        @Override
        public JavaRuntime java() {
            return new JavaRuntime(17, "17.0.9", "Temurin", "/opt/jdk");
        }

        @Override
        public PortState port(Optional<InetAddress> address, int port, Protocol protocol) {
            probed.add(port + "/" + protocol.label() + "@" + address.map(InetAddress::getHostAddress).orElse("*"));
            return port == 7801 ? new PortState(sync, "Address already in use") : PortState.free();
        }

        @Override
        public DataDirState dataDir(Path dataDir) {
            return new DataDirState(true, Optional.empty(), Optional.empty(), 10L << 30);
        }

        @Override
        public MulticastResult multicast(ClusterConfig.Multicast group, Optional<InetAddress> bind, Duration wait) {
            probed.add("multicast " + group.group().getHostAddress() + ":" + group.port() + " within " + wait.toMillis());
            return new MulticastResult(MulticastResult.Outcome.RECEIVED, "eth0 (192.168.1.20)", "0.3 ms", false);
        }

        @Override
        public SeedAnswer connect(SeedAddress seed, Duration deadline) {
            probed.add("seed " + seed + " within " + deadline.toMillis());
            return new SeedAnswer(seed, true, "1 ms");
        }

        @Override
        public RunningPeer runningPeer() {
            return RunningPeer.none("http://127.0.0.1:8080", "nothing answers there");
        }

        @Override
        public String osName() {
            return "Linux";
        }

        @Override
        public Optional<String> powerSettings() {
            throw new AssertionError("pmset is asked on macOS only");
        }
    }

    private static Doctor.Options options(List<SeedAddress> seeds) throws Exception {
        return new Doctor.Options(Path.of("/data/sm"), 7800, seeds, Optional.empty(),
                Optional.of(InetAddress.getLoopbackAddress()), 8080, ClusterConfig.Multicast.DEFAULT);
    }

    @Test
    void onALanItChecksTheUdpClusterPortAndMulticastInAFixedOrder() throws Exception {
        QuietMachine machine = new QuietMachine();
        List<Finding> findings = new Doctor(machine, options(List.of())).examine();

        assertEquals(List.of("java", "ports", "data-dir", "multicast", "seeds", "machine-ids", "clock", "sleep"),
                findings.stream().map(Finding::check).toList());
        assertEquals(List.of("7800/udp@*", "7801/tcp@*", "7802/tcp@*", "8080/tcp@127.0.0.1",
                "multicast 239.8.8.8:45588 within 2000"), machine.probed);
        assertFalse(Doctor.failed(findings), findings.toString());
        assertEquals(Status.SKIP, findings.get(4).status(), "no seeds to ask");
    }

    @Test
    void withSeedsItChecksTcpAndAsksEverySeedInsteadOfMulticast() throws Exception {
        QuietMachine machine = new QuietMachine();
        List<SeedAddress> seeds = SeedAddress.parseList("100.64.0.1:7800,100.64.0.2:7800");
        List<Finding> findings = new Doctor(machine, options(seeds)).examine();

        assertEquals(List.of("7800/tcp@*", "7801/tcp@*", "7802/tcp@*", "8080/tcp@127.0.0.1",
                "seed 100.64.0.1:7800 within 3000", "seed 100.64.0.2:7800 within 3000"), machine.probed);
        assertEquals(Status.SKIP, findings.get(3).status(), "multicast is not used with seeds");
        assertEquals(Status.OK, findings.get(4).status());
    }

    @Test
    void aTakenPortFailsTheWholeExamination() throws Exception {
        QuietMachine machine = new QuietMachine();
        machine.sync = Probes.PortState.Availability.TAKEN;
        List<Finding> findings = new Doctor(machine, options(List.of())).examine();
        assertTrue(Doctor.failed(findings));
        assertEquals(Status.FAIL, findings.get(1).status());
    }
}
