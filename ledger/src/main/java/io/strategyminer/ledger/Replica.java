package io.strategyminer.ledger;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LedgerState;
import java.util.function.Function;

/**
 * A peer's copy of the history as its decisions use it: whose copy it is, the state to read, local appends and the
 * events stored. A peer's {@link Ledger} is one; the cluster simulator lets several simulated peers whose copies
 * would hold the same events share one ledger (the fold is order-independent, so their states would be equal).
 */
public interface Replica {
    /** The peer whose copy this is: local appends are signed as this peer. */
    PeerId self();

    /** Signs and stores a local event: the next of this peer's chain (see {@link Ledger#append}). */
    Event append(Payload payload);

    /** Runs a query on the state; the query must not keep references to the state (see {@link Ledger#read}). */
    <T> T read(Function<LedgerState, T> query);

    /** Registers a listener for every event stored from now on; {@code local} means appended by {@link #self()}. */
    LedgerListener.Subscription subscribe(LedgerListener listener);
}
