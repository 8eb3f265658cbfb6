package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.identity.PeerId;
import java.util.Comparator;
import java.util.Objects;

/**
 * How far one running work unit has come, as its runner last broadcast it (transient: never stored in the
 * ledger, DESIGN §5).
 *
 * @param peer           the runner
 * @param searchId       the search
 * @param unit           the unit index
 * @param generation     generations completed
 * @param generations    generations of the unit
 * @param bestFitness    best fitness so far; NaN while no genome qualified
 * @param receivedMillis when this peer received (or made) the report, wall clock; for expiry and display only
 */
public record UnitProgress(PeerId peer, String searchId, int unit, int generation, int generations, double bestFitness,
                           long receivedMillis) {
    /** Stable display order: search, unit, runner. */
    public static final Comparator<UnitProgress> ORDER = Comparator.comparing(UnitProgress::searchId)
            .thenComparingInt(UnitProgress::unit).thenComparing(UnitProgress::peer);

    public UnitProgress {
        Objects.requireNonNull(peer, "peer");
        if (searchId == null || searchId.isEmpty() || searchId.length() > 64) {
            throw new IllegalArgumentException("a search id is 1 to 64 characters");
        }
        if (unit < 0 || generations < 1 || generation < 0 || generation > generations) {
            throw new IllegalArgumentException("progress out of range: unit " + unit + ", generation " + generation
                    + " of " + generations);
        }
    }
}
