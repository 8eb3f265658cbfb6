package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.PeerId;

/**
 * A peer as its latest announcement (highest sequence) describes it.
 *
 * @param id        the peer
 * @param announced the latest announcement
 * @param stamp     the event of that announcement
 */
public record PeerView(PeerId id, PeerAnnounced announced, Stamp stamp) {
}
