package io.strategyminer.ledger;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.StrategyId;

/**
 * Told of every event stored, in storage order: the network broadcasts local ones, the web
 * streams all. Called on the storing thread while the ledger is locked, so it must be quick and
 * must not block (hand work to another thread); it may read the ledger. Exceptions are logged
 * and otherwise ignored.
 */
@FunctionalInterface
public interface LedgerListener {

    /**
     * @param event the stored event
     * @param local whether this peer appended it (as opposed to receiving it)
     */
    void stored(Event event, boolean local);

    /**
     * This peer recorded its own digest of a strategy ({@link Ledger#recordOwnDigest}): the strategy's status may
     * have changed without any event.
     */
    default void judged(StrategyId strategy) {
    }

    /** Stops a listener; closing twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
