package io.strategyminer.peer.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A newly installed view and how it differs from the one before.
 *
 * @param previous the view installed before on this member; empty for the first view after connecting
 * @param current  the new view
 * @param joined   members in {@code current} and not in {@code previous}
 * @param left     members in {@code previous} and not in {@code current}: they left, crashed or were
 *                 suspected and excluded (JGroups does not tell these apart in a view)
 * @param merged   whether the view heals a partition (a JGroups merge view): the sides may have missed
 *                 each other's events and should run a repair sync
 */
public record ViewChange(Optional<ClusterView> previous, ClusterView current, List<ClusterMember> joined,
                         List<ClusterMember> left, boolean merged) {
    public ViewChange {
        joined = List.copyOf(joined);
        left = List.copyOf(left);
    }

    static ViewChange between(Optional<ClusterView> previous, ClusterView current, boolean merged) {
        List<ClusterMember> before = previous.map(ClusterView::members).orElse(List.of());
        List<ClusterMember> joined = new ArrayList<>(current.members());
        joined.removeAll(before);
        List<ClusterMember> left = new ArrayList<>(before);
        left.removeAll(current.members());
        return new ViewChange(previous, current, joined, left, merged);
    }
}
