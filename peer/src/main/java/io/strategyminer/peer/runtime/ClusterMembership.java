package io.strategyminer.peer.runtime;

import io.strategyminer.consensus.Member;
import io.strategyminer.consensus.Membership;
import io.strategyminer.consensus.MembershipView;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.ClusterView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consensus {@link Membership} over the JGroups view: every peer joins with its ledger peer id (hex) as
 * member name and its machine id (hex) as machine, so a view maps to consensus {@link Member}s with no
 * lookup. Members in view order (oldest first), so the JGroups coordinator is the consensus coordinator.
 */
@Singleton
public final class ClusterMembership implements Membership {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);
    private final ClusterNode node;

    @Inject
    public ClusterMembership(ClusterNode node) {
        this.node = node;
    }

    @Override
    public MembershipView view() {
        return toMembershipView(node.view());
    }

    @Override
    public void onViewChange(Consumer<MembershipView> listener) {
        node.onViewChange(change -> listener.accept(toMembershipView(change.current())));
    }

    /** The consensus member a cluster member stands for; empty for a member that is not a peer of ours. */
    static Optional<Member> member(ClusterMember member) {
        try {
            return Optional.of(new Member(PeerId.parse(member.name()), MachineId.parse(member.machine())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static MembershipView toMembershipView(ClusterView view) {
        List<Member> members = new ArrayList<>();
        for (ClusterMember clusterMember : view.members()) {
            Optional<Member> member = member(clusterMember);
            if (member.isPresent()) {
                members.add(member.get());
            } else {
                // only possible for a process that knows the secret but is not a peer runtime (a tool, a test)
                LOG.warn("view {} member {} has no peer id and machine id; it is left out of consensus", view.id(),
                        clusterMember);
            }
        }
        return new MembershipView(view.id(), members);
    }
}
