package io.strategyminer.peer.runtime;

import dagger.Module;
import dagger.Provides;
import io.strategyminer.consensus.Coordinator;
import io.strategyminer.consensus.LeasePolicy;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.security.ClusterSecret;
import io.strategyminer.peer.sync.SyncClient;
import io.strategyminer.peer.sync.SyncServer;
import io.strategyminer.peer.sync.SyncSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.inject.Singleton;

/** How the parts of a peer are built from its {@link PeerSettings}; Dagger generates the wiring. */
@Module
final class RuntimeModule {
    private RuntimeModule() {
    }

    @Provides
    @Singleton
    static HistoryGuard.StartingIdentity startingIdentity(PeerSettings settings) {
        return HistoryGuard.identity(settings);
    }

    @Provides
    static PeerIdentity identity(HistoryGuard.StartingIdentity starting) {
        return starting.identity();
    }

    @Provides
    @Singleton
    static MachineId machine(PeerSettings settings) {
        if (settings.machine().isPresent()) {
            return settings.machine().get();
        }
        try {
            return MachineId.detect();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot determine this machine's id: " + e.getMessage(), e);
        }
    }

    /** Never a fresh chain under an identity that has run before: see {@link HistoryGuard}. */
    @Provides
    @Singleton
    static HistoryGuard.OpenedLedger openedLedger(PeerSettings settings, HistoryGuard.StartingIdentity identity) {
        return HistoryGuard.ledger(settings, identity);
    }

    @Provides
    static Ledger ledger(HistoryGuard.OpenedLedger opened) {
        return opened.ledger();
    }

    @Provides
    @Singleton
    static DatasetStore datasetStore(PeerSettings settings) {
        return new DatasetStore(settings.dataDir());
    }

    @Provides
    static ClusterSecret secret(PeerSettings settings) {
        return settings.secret();
    }

    @Provides
    @Singleton
    static ClusterNode clusterNode(PeerSettings settings, PeerIdentity identity, MachineId machine) {
        // member name and machine are the ledger ids, so a view maps to consensus members directly
        ClusterConfig config = new ClusterConfig(identity.peerId().hex(), machine.hex(), settings.secret(),
                settings.bind(), settings.port(), 0, settings.seeds(), ClusterConfig.Multicast.DEFAULT, settings.timings());
        return new ClusterNode(config);
    }

    @Provides
    @Singleton
    static SyncServer syncServer(ClusterSecret secret, Ledger ledger, DatasetStore store) {
        return new SyncServer(secret, ledger, store, SyncSettings.DEFAULTS);
    }

    @Provides
    @Singleton
    static SyncClient syncClient(ClusterSecret secret, Ledger ledger, DatasetStore store) {
        return new SyncClient(secret, ledger, store, SyncSettings.DEFAULTS);
    }

    @Provides
    @Singleton
    static Coordinator coordinator() {
        return new Coordinator(LeasePolicy.DEFAULT);
    }
}
