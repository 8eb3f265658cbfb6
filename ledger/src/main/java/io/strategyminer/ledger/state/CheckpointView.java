package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.CheckpointSaved;
import java.util.Comparator;

/**
 * A checkpoint and the event that saved it; ordered by (generation, stamp): {@link #ORDER}.
 */
public record CheckpointView(Stamp saved, CheckpointSaved checkpoint) {
    public static final Comparator<CheckpointView> ORDER = Comparator
            .comparingInt((CheckpointView c) -> c.checkpoint().generation()).thenComparing(CheckpointView::saved);
}
