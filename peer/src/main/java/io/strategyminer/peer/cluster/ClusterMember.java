package io.strategyminer.peer.cluster;

import java.util.Objects;

/**
 * One member of a cluster view, without JGroups types.
 *
 * @param id   the member's address id for this run of its process (a JGroups UUID in long form); a
 *             restarted peer gets a new one
 * @param name the name the member gave in its {@link ClusterConfig#memberName()} (the integration uses the
 *             ledger peer id's hex, so a member maps to a consensus {@code Member} directly)
 * @param machine the machine the member gave in its {@link ClusterConfig#machine()} ("" if it gave none)
 */
public record ClusterMember(String id, String name, String machine) {
    public ClusterMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(machine, "machine");
    }

    @Override
    public String toString() {
        return name + "(" + id.substring(0, Math.min(8, id.length())) + ")";
    }
}
