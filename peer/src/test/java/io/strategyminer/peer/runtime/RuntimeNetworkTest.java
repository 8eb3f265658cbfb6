package io.strategyminer.peer.runtime;

import io.strategyminer.peer.Privileged;
import io.strategyminer.peer.TestSearches;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.LoopbackMulticast;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.security.ClusterSecret;
import io.strategyminer.peer.sync.SyncClient;
import io.strategyminer.peer.sync.SyncResult;
import io.strategyminer.peer.sync.SyncSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a runtime finds the others (LAN multicast, no seeds) and tells them where its sync server is. */
class RuntimeNetworkTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private Path root;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createTempDirectory("sm-runtime-network");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        RuntimeTestSupport.deleteTree(root);
    }

    private PeerSettings settings(String name, Optional<InetAddress> bind, List<SeedAddress> seeds) {
        int port = LoopbackTestSupport.freeBasePort();
        return RuntimeTestSupport.loopbackPeer(name, root.resolve(name), port, List.of(), secret)
                .withNetwork(bind, port, seeds).withCalibration(Duration.ZERO);
    }

    private PeerRuntime start(PeerSettings settings) {
        PeerRuntime peer = PeerRuntime.start(settings);
        open.add(peer);
        return peer;
    }

    /**
     * The LAN mode of {@code peer start} (no {@code --seeds}): two runtimes bound to loopback discover each
     * other by UDP multicast on the default group, exchange their ledgers and run a search together.
     */
    @Test
    void twoRuntimesWithoutSeedsFindEachOtherByMulticastAndWorkTogether() {
        ClusterConfig.Multicast lan = ClusterConfig.Multicast.DEFAULT;
        Optional<String> whyNot = LoopbackMulticast.whyNot(lan.group(), lan.port());
        Privileged.require("multicast on the loopback interface", whyNot);

        PeerRuntime first = start(settings("lan-0", Optional.of(LoopbackTestSupport.LOOPBACK), List.of()));
        PeerRuntime second = start(settings("lan-1", Optional.of(LoopbackTestSupport.LOOPBACK), List.of()));
        await(Duration.ofSeconds(30), "both runtimes see a view of two",
                () -> first.view().size() == 2 && second.view().size() == 2);
        assertEquals(first.peerId().hex(), second.view().coordinator().name(), "the first started coordinates");

        SearchSubmitted search = TestSearches.search("runtime-lan", BundledDatasets.btcUsd5m().id(), 12, 3, 2, 2, 11L);
        second.submit(search);
        await(Duration.ofSeconds(60), "the search is DONE on both runtimes", () -> List.of(first, second).stream()
                .allMatch(peer -> peer.read(state -> state.search(search.searchId())
                        .map(s -> s.status() == SearchStatus.DONE).orElse(false))));
        assertEquals(PeerRuntimeClusterTest.oneMachineDigests(search).get(0), first.read(state -> state.strategy(
                state.unit(search.searchId(), 0).orElseThrow().canonical().orElseThrow()).orElseThrow().report().digest()));
    }

    /**
     * Without {@code --bind}, the sync endpoint announced to the others is the address the JGroups transport
     * bound to, and the sync server answers there. (Not the host name's address: here "vm" resolves to
     * 127.0.0.1, on Debian often 127.0.1.1, which other machines cannot reach.)
     */
    @Test
    void withoutABindAddressTheAdvertisedSyncEndpointIsTheClusterAddressAndAnswers() throws Exception {
        // TCP mode, the only seed being an unused loopback port: the runtime founds a cluster of its own and no
        // discovery traffic leaves the machine
        PeerSettings settings = settings("unbound", Optional.empty(),
                List.of(new SeedAddress(LoopbackTestSupport.LOOPBACK.getHostAddress(), LoopbackTestSupport.freeBasePort())));
        PeerRuntime peer = start(settings);

        SeedAddress endpoint = peer.syncEndpoint();
        InetAddress advertised = InetAddress.getByName(endpoint.host());
        assertEquals(settings.syncPort(), endpoint.port());
        assertFalse(advertised.isAnyLocalAddress(), "a wildcard address is no endpoint: " + advertised);
        assertNotNull(NetworkInterface.getByInetAddress(advertised), advertised + " is an address of this machine");
        boolean hasOtherAddress = NetworkInterface.networkInterfaces().filter(RuntimeNetworkTest::upAndNotLoopback)
                .findAny().isPresent();
        if (hasOtherAddress) {
            assertFalse(advertised.isLoopbackAddress(), "with a network interface up, " + advertised
                    + " (loopback) would be unreachable from other machines");
        }

        Ledger otherLedger = Ledger.open(root.resolve("other-ledger"), PeerIdentity.generate());
        open.add(otherLedger);
        SyncClient other = new SyncClient(secret, otherLedger, new DatasetStore(root.resolve("other")), SyncSettings.DEFAULTS);
        open.add(other);
        SyncResult result = other.sync(endpoint.host(), endpoint.port());
        assertEquals(peer.ledger().versionVector(), otherLedger.versionVector(),
                "a sync at the advertised endpoint delivered the peer's events: " + result);
    }

    private static boolean upAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback() && network.inetAddresses().findAny().isPresent();
        } catch (SocketException e) {
            return false;
        }
    }
}
