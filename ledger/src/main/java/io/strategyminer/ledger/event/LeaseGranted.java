package io.strategyminer.ledger.event;

import io.strategyminer.ledger.identity.PeerId;

/**
 * The coordinator leases a work unit to a peer. Among the leases of a unit, the latest is the one
 * with the highest (epoch, Lamport time, origin, sequence): a newer view's coordinator overrides
 * an older one's, whatever order the events arrive in.
 *
 * @param searchId       the search
 * @param unit           the unit index, 0 ≤ unit &lt; {@link SearchSubmitted#MAX_WORK_UNITS}
 * @param holder         the peer that should do the work
 * @param epoch          the membership view id under which the lease was granted, ≥ 0
 * @param deadlineMillis cluster time (milliseconds since the Unix epoch) by which the holder must
 *                       report or show progress, &gt; 0
 * @param kind           work, verification or speculative duplicate
 * @param target         the strategy to verify: required for {@link LeaseKind#VERIFY}, absent (null) otherwise
 */
public record LeaseGranted(String searchId, int unit, PeerId holder, long epoch, long deadlineMillis,
                           LeaseKind kind, StrategyId target) implements Payload {

    public LeaseGranted {
        Checks.matches("search id", searchId, Checks.ID);
        Checks.range("unit", unit, 0, SearchSubmitted.MAX_WORK_UNITS - 1);
        Checks.required("lease holder", holder);
        Checks.range("epoch", epoch, 0, Long.MAX_VALUE);
        Checks.range("deadline", deadlineMillis, 1, Long.MAX_VALUE);
        Checks.required("lease kind", kind);
        if ((kind == LeaseKind.VERIFY) != (target != null)) {
            throw new IllegalArgumentException(kind == LeaseKind.VERIFY
                    ? "a verification lease needs the strategy to verify"
                    : "only a verification lease names a strategy to verify");
        }
    }

    @Override
    public EventType type() {
        return EventType.LEASE_GRANTED;
    }
}
