package io.strategyminer.peer.sync;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RepairLoopTest {
    private static final SyncSettings SETTINGS = SyncSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(20));

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
    void periodicRoundsKeepALaggingPeerCaughtUpDespiteADeadPeer() throws Exception {
        List<List<Event>> chains = SyncFixtures.chains(4, 2_600);
        Ledger ahead = ledger("ahead");
        SyncFixtures.load(ahead, chains.get(0).subList(0, 1_000));
        Ledger behind = ledger("behind");
        SyncServer server = new SyncServer(SyncFixtures.SECRET, ahead, new DatasetStore(dir.resolve("a")), SETTINGS);
        open.add(server);
        InetSocketAddress live = server.start("127.0.0.1", 0);
        InetSocketAddress dead = deadAddress();
        SyncClient client = new SyncClient(SyncFixtures.SECRET, behind, new DatasetStore(dir.resolve("b")), SETTINGS);
        open.add(client);
        // with this seed the first round picks the dead peer (index 1), the next ones the live one
        RepairLoop loop = new RepairLoop(client, () -> List.of(live, dead), new Random(1));
        open.add(loop);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger loopLog = (Logger) LoggerFactory.getLogger(RepairLoop.class);
        log.start();
        loopLog.addAppender(log);
        try {
            loop.start(Duration.ofMillis(100));
            await(Duration.ofSeconds(30), "the ledgers converge", () -> behind.versionVector().equals(ahead.versionVector()));
        } finally {
            loopLog.detachAppender(log);
        }
        assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("cannot connect to the sync port "
                + dead.getHostString() + ":" + dead.getPort())), log.list.toString());

        // events that reach the lead later (e.g. while this peer slept) arrive in a later round
        SyncFixtures.load(ahead, chains.get(0).subList(1_000, 2_600));
        await(Duration.ofSeconds(30), "the ledgers converge", () -> behind.versionVector().equals(ahead.versionVector()));
        assertEquals(ahead.read(LedgerState::snapshot), behind.read(LedgerState::snapshot));
        assertEquals(2_600, behind.versionVector().total());
    }

    @Test
    void syncSoonCatchesUpWithAJoiningPeerWithoutWaitingForARound() throws Exception {
        List<List<Event>> chains = SyncFixtures.chains(4, 2_600);
        Ledger joining = ledger("joining");
        SyncFixtures.load(joining, chains.get(1));
        Ledger me = ledger("me");
        SyncServer server = new SyncServer(SyncFixtures.SECRET, joining, new DatasetStore(dir.resolve("j")), SETTINGS);
        open.add(server);
        InetSocketAddress address = server.start("127.0.0.1", 0);
        SyncClient client = new SyncClient(SyncFixtures.SECRET, me, new DatasetStore(dir.resolve("m")), SETTINGS);
        open.add(client);
        RepairLoop loop = new RepairLoop(client, List::of, new Random(1));
        open.add(loop);
        loop.start(Duration.ofHours(1));

        loop.syncSoon(address);

        await(Duration.ofSeconds(30), "the ledgers converge", () -> me.versionVector().equals(joining.versionVector()));
    }

    private static InetSocketAddress deadAddress() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress("127.0.0.1", probe.getLocalPort());
        }
    }

    private Ledger ledger(String name) {
        Ledger ledger = Ledger.open(dir.resolve(name), PeerIdentity.generate());
        open.add(ledger);
        return ledger;
    }
}
