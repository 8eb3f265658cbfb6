package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.LeaseGranted;
import java.util.Comparator;

/**
 * A lease and the event that granted it (the granting coordinator is the stamp's origin).
 * Leases are ordered by (epoch, stamp): {@link #ORDER}.
 */
public record LeaseView(Stamp granted, LeaseGranted lease) {
    public static final Comparator<LeaseView> ORDER = Comparator.comparingLong((LeaseView l) -> l.lease().epoch())
            .thenComparing(LeaseView::granted);
}
