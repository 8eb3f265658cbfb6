package io.strategyminer.ledger.state;

import io.strategyminer.ledger.identity.PeerId;

/**
 * A peer proven to have equivocated ({@link io.strategyminer.ledger.event.Equivocation}): none of its events counts
 * in any read model, and ledgers store nothing more it signs.
 *
 * @param offender     the banned peer
 * @param forkSequence the lowest sequence at which a proof shows its histories parting (over every proof known)
 */
public record BanView(PeerId offender, long forkSequence) {
}
