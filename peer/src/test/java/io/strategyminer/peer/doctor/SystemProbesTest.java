package io.strategyminer.peer.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.LoopbackMulticast;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.doctor.Probes.MulticastResult.Outcome;
import io.strategyminer.peer.doctor.Probes.PortState.Availability;
import io.strategyminer.peer.doctor.Probes.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real probes on this machine's loopback: bind attempts, the data dir, a seed, one multicast datagram. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SystemProbesTest {
    private static final InetAddress LOOPBACK = LoopbackTestSupport.LOOPBACK;
    private final SystemProbes probes = new SystemProbes(() -> Probes.RunningPeer.none("http://127.0.0.1:1", "test"));

    @Test
    void aListeningPortIsTakenAndFreeOnceClosedAndAnAddressOfNoInterfaceIsNotLocal() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(LOOPBACK, 0));
            port = listener.getLocalPort();
            assertEquals(Availability.TAKEN, probes.port(Optional.of(LOOPBACK), port, Protocol.TCP).availability());
            assertEquals(Availability.TAKEN, probes.port(Optional.empty(), port, Protocol.TCP).availability(),
                    "the wildcard overlaps the loopback listener, as a peer without --bind would");
        }
        assertEquals(Availability.FREE, probes.port(Optional.of(LOOPBACK), port, Protocol.TCP).availability());
        assertEquals(Availability.NOT_LOCAL, probes.port(Optional.of(InetAddress.getByName("192.0.2.222")), port,
                Protocol.TCP).availability(), "TEST-NET-1 is no interface of this machine");
    }

    @Test
    void aSeedAnswersWhileItListensAndNotAfter() throws Exception {
        SeedAddress seed;
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(LOOPBACK, 0));
            seed = new SeedAddress(LOOPBACK.getHostAddress(), listener.getLocalPort());
            assertTrue(probes.connect(seed, Duration.ofSeconds(2)).answered());
        }
        Probes.SeedAnswer closed = probes.connect(seed, Duration.ofSeconds(2));
        assertFalse(closed.answered());
        assertTrue(closed.detail().contains("refused"), closed.detail());
    }

    @Test
    void theDataDirIsWritableUntilItIsAFile(@TempDir Path dir) throws Exception {
        Probes.DataDirState state = probes.dataDir(dir);
        assertTrue(state.exists() && state.notWritable().isEmpty() && state.usableBytes() > 0, state.toString());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the probe file is gone");
        }
        assertTrue(probes.dataDir(dir.resolve("later")).notWritable().isEmpty(), "a data dir that can be created");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertEquals(Optional.of("it is a file, not a directory"), probes.dataDir(file).notWritable());
    }

    @Test
    void aMulticastDatagramComesBackOnTheLoopbackInterfaceOrTheProbeSaysWhyWithinItsWait() throws Exception {
        // a group port of its own, so no peer of another test receives the datagram
        ClusterConfig.Multicast group = new ClusterConfig.Multicast(InetAddress.getByName("239.8.8.9"),
                LoopbackTestSupport.freeBasePort(), 1);
        Optional<String> whyNot = LoopbackMulticast.whyNot(group.group(), group.port());
        long start = System.nanoTime();
        Probes.MulticastResult result = probes.multicast(group, Optional.of(LOOPBACK), Duration.ofSeconds(2));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 5_000, "bounded by its wait: " + millis + " ms");
        assertTrue(result.loopback(), result.toString());
        assertTrue(result.iface().contains("127.0.0.1"), result.toString());
        // where multicast on lo works (this VM: README-cluster) the datagram comes back; elsewhere the probe says not
        assertEquals(whyNot.isEmpty(), result.outcome() == Outcome.RECEIVED, result + " / " + whyNot);
    }
}
