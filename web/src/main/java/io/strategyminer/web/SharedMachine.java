package io.strategyminer.web;

import io.strategyminer.consensus.Member;
import io.strategyminer.consensus.MembershipView;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Members of one view that announce the same machine id. A quorum counts distinct machines, so they vote as one
 * peer: right for two peers that really share a computer (the demo, a second peer for testing), wrong for cloned
 * VMs, which copy {@code /etc/machine-id} and so look like one machine — their quorum of 2 is never reached.
 *
 * @param machine the machine id they share
 * @param peers   the members announcing it, in view order (two or more)
 */
public record SharedMachine(MachineId machine, List<PeerId> peers) {
    public SharedMachine {
        peers = List.copyOf(peers);
        if (peers.size() < 2) {
            throw new IllegalArgumentException("a shared machine has two or more peers, got " + peers.size());
        }
    }

    /** The machines that more than one member of {@code view} runs on, in view order of their first member. */
    public static List<SharedMachine> in(MembershipView view) {
        Map<MachineId, List<PeerId>> byMachine = new LinkedHashMap<>();
        for (Member member : view.members()) {
            byMachine.computeIfAbsent(member.machine(), m -> new ArrayList<>()).add(member.peer());
        }
        List<SharedMachine> shared = new ArrayList<>();
        byMachine.forEach((machine, peers) -> {
            if (peers.size() > 1) {
                shared.add(new SharedMachine(machine, peers));
            }
        });
        return shared;
    }
}
