package io.strategyminer.web;

import io.strategyminer.backtest.Backtesters;
import io.strategyminer.consensus.MembershipView;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.identity.PeerId;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the HTTP API reads, implemented by the peer. Everything about searches, strategies, peers and
 * datasets comes from the replicated {@link Ledger}; only the live membership and the local datasets
 * are the peer's own.
 */
public interface ClusterReadModel {

    /** This peer's id (the ledger's owner). */
    PeerId self();

    /** The current membership view, empty while the peer has not joined a cluster yet. */
    Optional<MembershipView> view();

    /** The peer's ledger: read with {@link Ledger#read}, streamed with {@link Ledger#subscribe}. */
    Ledger ledger();

    /** The datasets this peer holds (bundled and imported): listed, and loaded to re-run backtests. */
    DatasetCatalog datasets();

    /** The peer's backtesters, whose caches its pages share with its work (one memory budget). */
    Backtesters backtesters();

    /** Whether this peer can work now; a read model that does not watch its disk (a test's) is always healthy. */
    default PeerHealth health() {
        return PeerHealth.healthy(0);
    }

    /**
     * How far {@code peer}'s wall clock is ahead of this peer's (negative: behind), in milliseconds, as last
     * measured from the clock it broadcasts; empty when nothing was measured (out of the view, not heard from yet,
     * or a read model that does not measure, a test's). Display and diagnosis only: nothing decides on it.
     */
    default OptionalLong clockOffsetMillis(PeerId peer) {
        return OptionalLong.empty();
    }

    /** The cluster (JGroups) port this peer listens on (sync on +1, failure detection on +2); empty if none (a test's). */
    default OptionalInt clusterPort() {
        return OptionalInt.empty();
    }
}
