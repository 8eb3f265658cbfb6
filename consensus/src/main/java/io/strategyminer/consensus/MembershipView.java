package io.strategyminer.consensus;

import io.strategyminer.ledger.identity.PeerId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A membership view as the group membership layer installs it (a JGroups view, or the simulator's):
 * an id that grows with every change, and the members in seniority order. The first member is the
 * coordinator, so every member of one view agrees on who coordinates without any extra message.
 *
 * @param id      the view id, as the membership layer numbers it (both sides of a partition may share one, so
 *                leases are ordered by {@link LeaseTerm}, not by view id)
 * @param members the members, oldest first; never empty, no peer twice
 */
public record MembershipView(long id, List<Member> members) {
    public MembershipView {
        if (id < 0) {
            throw new IllegalArgumentException("view id " + id + " is negative");
        }
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a view has at least one member (the peer itself)");
        }
        Set<PeerId> seen = new HashSet<>();
        for (Member member : members) {
            if (!seen.add(member.peer())) {
                throw new IllegalArgumentException("peer " + member.peer() + " appears twice in view " + id);
            }
        }
    }

    /** The coordinator: the first (oldest) member. */
    public Member coordinator() {
        return members.get(0);
    }

    public boolean isCoordinator(PeerId peer) {
        return coordinator().peer().equals(peer);
    }

    public boolean contains(PeerId peer) {
        for (Member member : members) {
            if (member.peer().equals(peer)) {
                return true;
            }
        }
        return false;
    }
}
