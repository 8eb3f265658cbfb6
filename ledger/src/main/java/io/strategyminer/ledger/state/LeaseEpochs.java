package io.strategyminer.ledger.state;

import io.strategyminer.ledger.identity.PeerId;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The epochs of the ledger's leases and who granted at each: what a coordinator needs to order its leases after
 * every lease it knows of, and what tells a plausible epoch from a forged one.
 *
 * <p>An epoch is a coordinator's term, not a view id: both sides of a partition install views with the same ids, and
 * ids start again at 1 when the whole cluster restarts, so view ids cannot order leases across either. A coordinator
 * starts a term at one more than the highest plausible epoch it knows (and moves past any other coordinator's lease
 * at or above its own term as soon as it learns of it), so leases granted by a newer term order after every lease
 * its coordinator had seen, and honest epochs climb one at a time from 1, without gaps.
 *
 * <p>Hence plausibility: an epoch is plausible when every epoch from 1 up to it was used by some lease ({@link #top()}
 * is the highest such). A member holding the cluster secret can sign a lease of any epoch; one above a gap (say
 * {@code Long.MAX_VALUE}) can neither outrank the real leases nor block the terms after it — it counts once the
 * epochs below it exist, and by then a newer term is above it. The only cost of the rule: a lease whose epoch is
 * reached before its predecessors arrive waits for them (they are replicated like any event).
 *
 * <p>A pure function of the set of leases, like every read model; written under the ledger's write lock, read under
 * its read lock (the top is remembered between writes).
 */
public final class LeaseEpochs {
    private final TreeMap<Long, TreeSet<PeerId>> granters = new TreeMap<>();
    private volatile long top = -1;

    void add(long epoch, PeerId granter) {
        if (granters.computeIfAbsent(epoch, e -> new TreeSet<>()).add(granter)) {
            top = -1;
        }
    }

    void clear() {
        granters.clear();
        top = -1;
    }

    /** The highest plausible epoch: every epoch from 1 up to it was used. 0 when there is no lease at epoch 1. */
    public long top() {
        long known = top;
        if (known < 0) {
            known = 0;
            for (Map.Entry<Long, TreeSet<PeerId>> used : granters.entrySet()) {
                if (used.getKey() > known + 1) {
                    break; // a gap: nothing above it is plausible yet
                }
                known = Math.max(known, used.getKey());
            }
            top = known;
        }
        return known;
    }

    /** Whether a lease of {@code epoch} can have been granted by an honest coordinator (see the class comment). */
    public boolean plausible(long epoch) {
        return epoch <= top();
    }

    /** Whether a peer other than {@code peer} granted a lease at {@code epoch}. */
    public boolean grantedByOtherThan(long epoch, PeerId peer) {
        TreeSet<PeerId> at = granters.get(epoch);
        return at != null && (at.size() > 1 || !at.contains(peer));
    }
}
