package io.strategyminer.peer.sync;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.peer.security.ClusterSecret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Repair sync between real RocksDB ledgers over loopback. */
class SyncSessionTest {
    /** 4 origins × 2,600 = 10,400 events. */
    private static final int ORIGINS = 4;
    private static final int PER_ORIGIN = 2_600;
    private static final SyncSettings SETTINGS = SyncSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aPeerTenThousandEventsBehindCatchesUpAndASecondSyncMovesNothing() throws Exception {
        List<List<Event>> chains = SyncFixtures.chains(ORIGINS, PER_ORIGIN);
        Ledger ahead = ledger("ahead");
        SyncFixtures.load(ahead, SyncFixtures.all(chains));
        Ledger behind = ledger("behind");
        InetSocketAddress server = server(ahead, SETTINGS);

        SyncResult first = client(behind, SyncFixtures.SECRET, SETTINGS).sync("127.0.0.1", server.getPort());

        assertEquals(ORIGINS * PER_ORIGIN, first.eventsReceived());
        assertEquals(ORIGINS * PER_ORIGIN, first.eventsApplied());
        assertEquals(0, first.eventsSent());
        assertEquals(0, first.eventsRejected());
        assertTrue(first.largestBatchReceived() <= Wire.MAX_BATCH_EVENTS, first.toString());
        assertConverged(ahead, behind);
        assertEquals(ORIGINS * PER_ORIGIN, behind.versionVector().total());

        SyncResult second = client(behind, SyncFixtures.SECRET, SETTINGS).sync("127.0.0.1", server.getPort());
        assertTrue(second.nothingMoved(), second.toString());
        assertConverged(ahead, behind);
    }

    @Test
    void oneSessionCarriesEventsBothWays() throws Exception {
        List<List<Event>> chains = SyncFixtures.chains(ORIGINS, PER_ORIGIN);
        Ledger a = ledger("a");
        Ledger b = ledger("b");
        // a holds origins 0, 1 and the first half of 2; b holds all of 2 and 3, and the first 100 of 0
        SyncFixtures.load(a, chains.get(0));
        SyncFixtures.load(a, chains.get(1));
        SyncFixtures.load(a, chains.get(2).subList(0, PER_ORIGIN / 2));
        SyncFixtures.load(b, chains.get(2));
        SyncFixtures.load(b, chains.get(3));
        SyncFixtures.load(b, chains.get(0).subList(0, 100));
        InetSocketAddress server = server(a, SETTINGS);

        SyncClient clientSide = client(b, SyncFixtures.SECRET, SETTINGS);
        SyncResult result = clientSide.sync("127.0.0.1", server.getPort());

        assertEquals(PER_ORIGIN - 100 + PER_ORIGIN, result.eventsReceived(), result.toString());
        assertEquals(PER_ORIGIN - PER_ORIGIN / 2 + PER_ORIGIN, result.eventsSent(), result.toString());
        assertConverged(a, b);
        assertEquals(ORIGINS * PER_ORIGIN, a.versionVector().total());
        // the server counts the session once the client's last acknowledgement reached it
        SyncServer serverSide = servers.get(0);
        await(Duration.ofSeconds(10), "the server counts the session", () -> serverSide.stats().sessions() == 1);
        // both ends count the same socket bytes, and they are more than the events (framing and sealing)
        await(Duration.ofSeconds(10), "both ends agree on bytes",
                () -> clientSide.stats().bytesSent() == serverSide.stats().bytesReceived()
                        && clientSide.stats().bytesReceived() == serverSide.stats().bytesSent());
        SyncStats client = clientSide.stats();
        assertTrue(client.bytesSent() > result.bytesSent(), client + " vs " + result);
        assertTrue(client.bytesReceived() > result.bytesReceived(), client + " vs " + result);
    }

    @Test
    void twoPeersSyncingWithEachOtherAtOnceConverge() throws Exception {
        List<List<Event>> chains = SyncFixtures.chains(ORIGINS, PER_ORIGIN);
        Ledger a = ledger("a");
        Ledger b = ledger("b");
        SyncFixtures.load(a, chains.get(0));
        SyncFixtures.load(a, chains.get(1));
        SyncFixtures.load(b, chains.get(2));
        SyncFixtures.load(b, chains.get(3));
        InetSocketAddress serverA = server(a, SETTINGS);
        InetSocketAddress serverB = server(b, SETTINGS);
        SyncClient clientA = client(a, SyncFixtures.SECRET, SETTINGS);
        SyncClient clientB = client(b, SyncFixtures.SECRET, SETTINGS);

        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Future<SyncResult> aToB = both.submit(() -> clientA.sync("127.0.0.1", serverB.getPort()));
            Future<SyncResult> bToA = both.submit(() -> clientB.sync("127.0.0.1", serverA.getPort()));
            aToB.get(60, TimeUnit.SECONDS);
            bToA.get(60, TimeUnit.SECONDS);
        } finally {
            both.shutdownNow();
        }
        assertConverged(a, b);
        assertEquals(ORIGINS * PER_ORIGIN, a.versionVector().total());
        assertEquals(0, a.stats().rejected().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(0, b.stats().rejected().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void batchesRespectTheSendersCaps() throws Exception {
        List<List<Event>> chains = SyncFixtures.chains(ORIGINS, PER_ORIGIN);
        Ledger ahead = ledger("ahead");
        SyncFixtures.load(ahead, chains.get(0));
        Ledger behind = ledger("behind");
        InetSocketAddress byCount = server(ahead, SETTINGS.withBatch(100, SyncSettings.MAX_BATCH_BYTES));

        SyncResult counted = client(behind, SyncFixtures.SECRET, SETTINGS).sync("127.0.0.1", byCount.getPort());
        assertEquals(100, counted.largestBatchReceived(), counted.toString());
        assertConverged(ahead, behind);

        int eventBytes = chains.get(0).get(1).size();
        long byteCap = 20L * eventBytes;
        Ledger behindToo = ledger("behind-too");
        InetSocketAddress bySize = server(ahead, SETTINGS.withBatch(1_000, byteCap));
        SyncResult sized = client(behindToo, SyncFixtures.SECRET, SETTINGS).sync("127.0.0.1", bySize.getPort());
        // a batch stops at the event that reaches the byte cap: 20 events of this size, 21 at most
        assertTrue(sized.largestBatchReceived() >= 20 && sized.largestBatchReceived() <= 21, sized.toString());
        assertConverged(ahead, behindToo);
    }

    @Test
    void aPeerWithAnotherSecretIsRefusedAndGetsNothing() throws Exception {
        List<List<Event>> chains = SyncFixtures.chains(ORIGINS, PER_ORIGIN);
        Ledger ahead = ledger("ahead");
        SyncFixtures.load(ahead, chains.get(0));
        Ledger stranger = ledger("stranger");
        SyncFixtures.load(stranger, chains.get(1));
        InetSocketAddress server = server(ahead, SETTINGS);
        VersionVector before = ahead.versionVector();

        SyncClient client = client(stranger, ClusterSecret.generate(new SecureRandom()), SETTINGS);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger serverLog = (Logger) LoggerFactory.getLogger(ServerSession.class);
        log.start();
        serverLog.addAppender(log);
        try {
            SyncException refused = assertThrows(SyncException.class,
                    () -> client.sync("127.0.0.1", server.getPort()));
            assertTrue(refused.getMessage().contains("cluster secret"), refused.getMessage());
            // the server logs the refusal on its session thread, right after closing
            await(Duration.ofSeconds(10), "the server logs the refusal", () -> !log.list.isEmpty());
        } finally {
            serverLog.detachAppender(log);
        }
        assertEquals(1, log.list.size(), log.list.toString());
        assertEquals(Level.WARN, log.list.get(0).getLevel());
        assertTrue(log.list.get(0).getFormattedMessage().contains("does not know the cluster secret"),
                log.list.get(0).getFormattedMessage());
        assertEquals(1, servers.get(0).stats().refusedHandshakes());
        assertEquals(0, servers.get(0).stats().eventsSent());
        assertEquals(PER_ORIGIN, stranger.versionVector().total());
        assertEquals(before, ahead.versionVector());
    }

    @Test
    void aFrameAlteredInFlightEndsTheSessionAndNothingBadIsApplied() throws Exception {
        List<List<Event>> chains = SyncFixtures.chains(ORIGINS, PER_ORIGIN);
        Ledger ahead = ledger("ahead");
        SyncFixtures.load(ahead, SyncFixtures.all(chains));
        Ledger behind = ledger("behind");
        InetSocketAddress server = server(ahead, SETTINGS);
        // past the handshake (~150 bytes) and the vector frame, inside the first batch of events
        try (FlippingProxy proxy = new FlippingProxy(server, 5_000)) {
            SyncClient client = client(behind, SyncFixtures.SECRET, SETTINGS);
            SyncException broken = assertThrows(SyncException.class, () -> client.sync("127.0.0.1", proxy.port()));

            assertTrue(broken.getMessage().contains("altered in flight"), broken.getMessage());
            assertEquals(1, client.stats().tamperedFrames());
        }
        assertEquals(0, behind.versionVector().total(), "the altered first batch was not applied");
        assertEquals(0, behind.stats().rejected().values().stream().mapToLong(Long::longValue).sum());
        // the session ended without harm: a clean sync afterwards completes
        client(behind, SyncFixtures.SECRET, SETTINGS).sync("127.0.0.1", server.getPort());
        assertConverged(ahead, behind);
    }

    @Test
    void aSilentOrAbsentPeerIsABoundedClearFailure() throws Exception {
        Ledger ledger = ledger("alone");
        SyncClient client = client(ledger, SyncFixtures.SECRET,
                SETTINGS.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(20)));
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SyncException timedOut = assertThrows(SyncException.class,
                    () -> client.sync("127.0.0.1", silent.getLocalPort()));
            // only the read-idle timeout says this (the 20 s session bound says something else)
            assertTrue(timedOut.getMessage().contains("for too long"), timedOut.getMessage());
        }
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        SyncException unreachable = assertThrows(SyncException.class, () -> client.sync("127.0.0.1", freePort));
        assertTrue(unreachable.getMessage().contains("cannot connect"), unreachable.getMessage());
    }

    @Test
    void closingTheClientEndsASessionInProgressAtOnce() throws Exception {
        SyncClient client = client(ledger("alone"), SyncFixtures.SECRET, SETTINGS);
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<SyncResult> waiting = caller.submit(() -> client.sync("127.0.0.1", silent.getLocalPort()));
                // the connection stays open and silent: only close() can end the session before its 60 s timeout
                try (Socket connected = silent.accept()) {
                    // the session is in progress once the client's first handshake bytes arrive (it speaks first)
                    connected.setSoTimeout(10_000);
                    assertTrue(connected.getInputStream().read() >= 0, "the client began its handshake");
                    client.close();
                    ExecutionException ended = assertThrows(ExecutionException.class,
                            () -> waiting.get(10, TimeUnit.SECONDS));
                    assertTrue(ended.getCause() instanceof SyncException, ended.toString());
                }
            } finally {
                caller.shutdownNow();
            }
        }
    }

    @Test
    void aPortInUseIsAClearFailure() throws Exception {
        InetSocketAddress taken = server(ledger("a"), SETTINGS);
        SyncServer second = new SyncServer(SyncFixtures.SECRET, ledger("b"), new DatasetStore(dir.resolve("b-data")),
                SETTINGS);
        open.add(second);
        SyncException refused = assertThrows(SyncException.class, () -> second.start("127.0.0.1", taken.getPort()));
        assertTrue(refused.getMessage().contains("cannot listen for sync on 127.0.0.1:" + taken.getPort()),
                refused.getMessage());
        assertEquals(8_001, SyncServer.portFor(8_000));
    }

    private static void assertConverged(Ledger a, Ledger b) {
        assertEquals(a.versionVector(), b.versionVector());
        assertEquals(a.read(LedgerState::snapshot), b.read(LedgerState::snapshot));
    }

    private final List<SyncServer> servers = new ArrayList<>();

    private Ledger ledger(String name) {
        Ledger ledger = Ledger.open(dir.resolve(name), PeerIdentity.generate());
        open.add(ledger);
        return ledger;
    }

    private InetSocketAddress server(Ledger ledger, SyncSettings settings) throws SyncException {
        SyncServer server = new SyncServer(SyncFixtures.SECRET, ledger, new DatasetStore(dir.resolve("server-data")),
                settings);
        open.add(server);
        servers.add(server);
        return server.start("127.0.0.1", 0);
    }

    private SyncClient client(Ledger ledger, ClusterSecret secret, SyncSettings settings) {
        SyncClient client = new SyncClient(secret, ledger, new DatasetStore(dir.resolve("client-data")), settings);
        open.add(client);
        return client;
    }
}
