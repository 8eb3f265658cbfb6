package io.strategyminer.peer.cluster;

import java.util.List;

/**
 * A membership view installed by JGroups: an id that grows with every change (the lease epoch of
 * DESIGN §5) and the members oldest first. The first member is the coordinator on every member of
 * the view, without any extra message.
 *
 * @param id      the view id
 * @param members the members, oldest first, never empty
 */
public record ClusterView(long id, List<ClusterMember> members) {
    public ClusterView {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a view has at least one member");
        }
    }

    public ClusterMember coordinator() {
        return members.get(0);
    }

    public int size() {
        return members.size();
    }

    public boolean containsName(String name) {
        return members.stream().anyMatch(m -> m.name().equals(name));
    }

    public boolean contains(ClusterMember member) {
        return members.contains(member);
    }
}
