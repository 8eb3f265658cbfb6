package io.strategyminer.peer.runtime;

import io.strategyminer.backtest.Backtesters;
import io.strategyminer.consensus.MembershipView;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.web.ClusterReadModel;
import io.strategyminer.web.PeerHealth;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the HTTP API reads from a running peer: its id, the consensus view of the installed cluster view
 * (the same mapping consensus uses, {@link ClusterMembership}), its ledger, the datasets in its data dir and its
 * health ({@link DiskMonitor}).
 */
public final class RuntimeReadModel implements ClusterReadModel {
    private final PeerRuntime runtime;
    private final DatasetCatalog datasets;

    public RuntimeReadModel(PeerRuntime runtime, DatasetCatalog datasets) {
        this.runtime = runtime;
        this.datasets = datasets;
    }

    @Override
    public Backtesters backtesters() {
        return runtime.backtesters();
    }

    @Override
    public PeerId self() {
        return runtime.peerId();
    }

    @Override
    public Optional<MembershipView> view() {
        try {
            return Optional.of(ClusterMembership.toMembershipView(runtime.view()));
        } catch (IllegalStateException notConnected) {
            return Optional.empty();
        }
    }

    @Override
    public Ledger ledger() {
        return runtime.ledger();
    }

    @Override
    public DatasetCatalog datasets() {
        return datasets;
    }

    @Override
    public PeerHealth health() {
        return runtime.health();
    }

    @Override
    public OptionalLong clockOffsetMillis(PeerId peer) {
        return runtime.clockOffsetMillis(peer);
    }

    @Override
    public OptionalInt clusterPort() {
        return OptionalInt.of(runtime.settings().port());
    }
}
