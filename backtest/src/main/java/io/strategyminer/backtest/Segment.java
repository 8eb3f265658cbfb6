package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Genome;
import java.util.Objects;
import java.util.Optional;

/**
 * One stretch of a stitched record ({@link Backtester#stitch}): the candles of {@code range} traded by
 * {@code genome}, or held in cash when there is none (a walk-forward window whose every unit failed).
 */
public record Segment(Optional<Genome> genome, Range range) {
    public Segment {
        Objects.requireNonNull(genome, "genome");
        Objects.requireNonNull(range, "range");
    }
}
