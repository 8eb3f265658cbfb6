package io.strategyminer.web;

import io.strategyminer.backtest.Backtesters;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.consensus.Member;
import io.strategyminer.consensus.MembershipView;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.ledger.ApplyResult;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A peer's read and write side made of real parts for the API tests: a RocksDB ledger and a dataset
 * store in a temporary directory, a settable membership view, and commands that append to the ledger
 * and import into the store as the peer will.
 */
final class TestCluster implements ClusterReadModel, ClusterCommands, AutoCloseable {
    final PeerIdentity identity = PeerIdentity.generate();
    final MachineId machine = MachineId.fromSystemId("web-test-machine-0");
    final Ledger ledger;
    final DatasetCatalog catalog;
    /** Small caches: tests re-run a strategy or two. */
    private final Backtesters backtesters = new Backtesters(16L << 20);
    final AtomicReference<MembershipView> view = new AtomicReference<>();
    private final AtomicInteger searches = new AtomicInteger();

    TestCluster(Path dir) {
        this.ledger = Ledger.open(dir.resolve("ledger"), identity);
        this.catalog = new DatasetCatalog(new DatasetStore(dir));
        ledger.append(PeerAnnounced.of(identity, "self", machine, 2, 3000, EngineVersion.CURRENT));
    }

    @Override
    public PeerId self() {
        return identity.peerId();
    }

    @Override
    public Optional<MembershipView> view() {
        return Optional.ofNullable(view.get());
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public DatasetCatalog datasets() {
        return catalog;
    }

    @Override
    public Backtesters backtesters() {
        return backtesters;
    }

    @Override
    public String submitSearch(String dataset, SearchSpec.Builder parameters) throws IOException {
        DatasetInfo info = catalog.find(dataset);
        String id = "web-search-" + searches.incrementAndGet();
        if (!parameters.hasSeed()) {
            parameters.seed(1L);
        }
        SearchSpec spec = parameters.dataset(info.id()).objectiveFor(info.candles(), info.timeframeSeconds()).build();
        spec.checkFits(info.candles(), info.timeframeSeconds());
        ledger.append(new SearchSubmitted(id, spec));
        return id;
    }

    @Override
    public DatasetInfo importDataset(InputStream content, ImportOptions options) throws IOException {
        Dataset dataset = CandleImporter.read(content, "upload " + options.name(), options).toDataset();
        return catalog.store().save(dataset, "upload");
    }

    @Override
    public void close() {
        ledger.close();
    }

    /** A peer on another machine, announced with {@code cores}, in one view with this peer (view id 3). */
    RemotePeer remoteInView(String machineName, int cores) {
        RemotePeer remote = new RemotePeer(machineName, cores);
        view.set(new MembershipView(3, List.of(new Member(self(), machine), new Member(remote.id(), remote.machine))));
        return remote;
    }

    /** Another peer: its own key and chain, its events applied to this peer's ledger as gossip would. */
    final class RemotePeer {
        final PeerIdentity identity = PeerIdentity.generate();
        final MachineId machine;
        private long sequence;
        private Sha256 previous = Sha256.ZERO;

        RemotePeer(String machineName, int cores) {
            this.machine = MachineId.fromSystemId(machineName);
            publish(PeerAnnounced.of(identity, "remote-" + machineName, machine, cores, 1000.0 * cores,
                    EngineVersion.CURRENT));
        }

        PeerId id() {
            return identity.peerId();
        }

        /** Signs the next event of this peer's chain and applies it to the ledger under test. */
        Event publish(Payload payload) {
            long lamport = ledger.stats().lamport() + 1;
            Event event = Event.sign(id(), sequence + 1, previous, lamport, payload, identity);
            sequence = event.sequence();
            previous = event.hash();
            ApplyResult result = ledger.apply(event);
            if (result.status() != ApplyResult.Status.APPLIED) {
                throw new IllegalStateException("the ledger did not apply " + event + ": " + result);
            }
            return event;
        }
    }
}
