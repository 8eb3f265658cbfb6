package io.strategyminer.consensus.sim;

/**
 * The simulator's only source of randomness: SplitMix64 (Steele, Lea, Flood 2014), written out
 * here so a seed replays bit for bit on every JVM.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound " + bound + " is not positive");
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Uniform in [min, max]. */
    long between(long min, long max) {
        return min + Math.floorMod(nextLong(), max - min + 1);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** An independent stream for one component, so adding a draw elsewhere does not shift it. */
    SplitMix64 fork() {
        return new SplitMix64(nextLong());
    }
}
