package io.strategyminer.miner;

/**
 * How good a genome is under the search's objective, higher is better. A genome that traded fewer
 * times than the search's minimum has no fitness ({@link #NONE}) and ranks below every genome that
 * has one, so that a lucky handful of trades can never win a search.
 *
 * @param qualified false for {@link #NONE}
 * @param value     the objective's value; 0 and meaningless when not qualified
 */
public record Fitness(boolean qualified, double value) implements Comparable<Fitness> {
    public static final Fitness NONE = new Fitness(false, 0);

    public Fitness {
        if (qualified && !Double.isFinite(value)) {
            throw new IllegalArgumentException("fitness must be finite, got " + value);
        }
        if (!qualified && value != 0) {
            throw new IllegalArgumentException("an unqualified fitness carries no value");
        }
    }

    public static Fitness of(double value) {
        return new Fitness(true, value);
    }

    /** Qualified above unqualified, then by value ({@link Double#compare}: total, -0.0 below 0.0). */
    @Override
    public int compareTo(Fitness other) {
        if (qualified != other.qualified) {
            return qualified ? 1 : -1;
        }
        return Double.compare(value, other.value);
    }

    public boolean isBetterThan(Fitness other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return qualified ? Double.toString(value) : "none";
    }
}
