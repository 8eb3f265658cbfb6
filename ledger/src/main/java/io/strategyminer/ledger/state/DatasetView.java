package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.identity.PeerId;
import java.util.List;

/**
 * A dataset and who offers it.
 *
 * @param description the earliest publication (by {@link Stamp}); later ones by other peers of the
 *                    same id describe the same candles
 * @param publishers  every peer that published it, sorted: they hold its chunks
 */
public record DatasetView(DatasetPublished description, List<PeerId> publishers) {
    public DatasetView {
        publishers = List.copyOf(publishers);
    }
}
