package io.strategyminer.consensus;

import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LeaseEpochs;
import java.util.Optional;

/**
 * A coordinator's term: the epoch of every lease it grants while it coordinates one view.
 *
 * <p>A term starts when a peer first grants in a view, at one more than the highest plausible epoch in its ledger, so
 * its leases order after every lease it has seen — whatever the view ids, which both sides of a partition share and
 * a restarted cluster counts again from 1. When another coordinator's lease at or above the term arrives (the other
 * side of a healed partition, a coordinator that did not yet know it was replaced), the term moves past it: leases
 * granted after learning of a lease always order after it. Concurrent terms of equal epoch (two sides of a split that
 * could not see each other) order by stamp, and the next term of either orders after both. See {@link LeaseEpochs}.
 *
 * @param viewId the view this term coordinates
 * @param epoch  the epoch of its leases, ≥ 1
 */
public record LeaseTerm(long viewId, long epoch) {

    /**
     * The term in which {@code self}, coordinator of {@code view}, grants now: {@code current} while it still holds
     * (same view, no other coordinator's lease at or above it), else a new one above every plausible epoch.
     */
    public static LeaseTerm next(Optional<LeaseTerm> current, MembershipView view, LeaseEpochs epochs, PeerId self) {
        long top = epochs.top();
        if (current.isPresent() && current.get().viewId() == view.id()) {
            long epoch = current.get().epoch();
            boolean overtaken = top > epoch || epochs.grantedByOtherThan(epoch, self);
            if (!overtaken) {
                return current.get();
            }
        }
        return new LeaseTerm(view.id(), top + 1);
    }
}
