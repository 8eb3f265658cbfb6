package io.strategyminer.consensus;

import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import java.util.Objects;

/**
 * One member of a membership view: the peer's ledger identity and the machine it runs on.
 *
 * @param peer    the peer's id (its ledger origin)
 * @param machine the machine the peer runs on
 */
public record Member(PeerId peer, MachineId machine) {
    public Member {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(machine, "machine");
    }
}
