package io.strategyminer.miner;

import java.util.OptionalDouble;

/**
 * A numeric gene restricted to the values {@code k * numerator / denominator} for whole {@code k} in
 * {@code [min, max]}. A grid keeps the search space discrete, so that near-identical genomes become
 * identical (and are evaluated once), and keeps printed values short ("0.3", not "0.30000000000000004":
 * the value is one correctly rounded division of two integers).
 *
 * @param sampleMin lowest step a fresh random genome uses; mutation may still walk out to {@code min}
 * @param sampleMax highest step a fresh random genome uses; mutation may still walk out to {@code max}
 */
record Grid(int numerator, int denominator, int min, int max, int sampleMin, int sampleMax) {
    Grid {
        if (numerator <= 0 || denominator <= 0 || min > max || sampleMin < min || sampleMax > max
                || sampleMin > sampleMax) {
            throw new IllegalArgumentException("inconsistent grid " + numerator + "/" + denominator + " [" + min
                    + ", " + max + "] sampling [" + sampleMin + ", " + sampleMax + "]");
        }
    }

    /** A grid whose fresh samples may use every step. */
    static Grid of(int numerator, int denominator, int min, int max) {
        return new Grid(numerator, denominator, min, max, min, max);
    }

    /** The steps of {@code numerator/denominator} that lie inside {@code [low, high]}. */
    static Grid within(int numerator, int denominator, double low, double high) {
        double unit = (double) numerator / denominator;
        return of(numerator, denominator, (int) Math.ceil(low / unit - 1e-9), (int) Math.floor(high / unit + 1e-9));
    }

    double value(int step) {
        return (double) (step * numerator) / denominator;
    }

    /** The step nearest to {@code value}, clamped into the grid. */
    int step(double value) {
        long nearest = Math.round(value * denominator / numerator);
        return (int) Math.max(min, Math.min(max, nearest));
    }

    /** The grid value next below {@code value} (strictly), if the grid has one. */
    OptionalDouble below(double value) {
        int k = step(value);
        if (value(k) < value) {
            return OptionalDouble.of(value(k));
        }
        return k > min ? OptionalDouble.of(value(k - 1)) : OptionalDouble.empty();
    }

    /** The grid value next above {@code value} (strictly), if the grid has one. */
    OptionalDouble above(double value) {
        int k = step(value);
        if (value(k) > value) {
            return OptionalDouble.of(value(k));
        }
        return k < max ? OptionalDouble.of(value(k + 1)) : OptionalDouble.empty();
    }

    double sample(Xoshiro256 rng) {
        return value(rng.nextInt(sampleMin, sampleMax));
    }

    /**
     * {@code value} moved by 1 to {@code maxSteps} steps up or down, clamped to the grid. A move that
     * hits a bound therefore may return the value unchanged; callers that need a change check for it.
     */
    double nudge(double value, int maxSteps, Xoshiro256 rng) {
        int delta = rng.nextInt(1, maxSteps);
        int moved = step(value) + (rng.chance(0.5) ? delta : -delta);
        return value(Math.max(min, Math.min(max, moved)));
    }
}
