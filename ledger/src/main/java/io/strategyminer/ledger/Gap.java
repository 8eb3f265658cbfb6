package io.strategyminer.ledger;

import io.strategyminer.ledger.identity.PeerId;

/**
 * Events of one origin that this ledger lacks while it holds later ones: sequences
 * {@code from..to} inclusive. The network asks a peer for them (or for a delta).
 */
public record Gap(PeerId origin, long from, long to) {
    public Gap {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("gap " + from + ".." + to + " is empty or below 1");
        }
    }
}
