package io.strategyminer.miner;

import java.util.List;

/**
 * xoshiro256** 1.0 (Blackman and Vigna, 2018): the one pseudo-random generator behind every decision
 * of the genetic search. Implemented in code so that a seed means the same sequence on every JVM,
 * OS and CPU (DESIGN §4), and small enough that its whole {@link State} goes into a checkpoint.
 *
 * <p>Not thread-safe: the search draws all its numbers on one thread, in a fixed order, and only the
 * (pure) fitness evaluations run in parallel.
 */
public final class Xoshiro256 {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    private Xoshiro256(State state) {
        this.s0 = state.s0();
        this.s1 = state.s1();
        this.s2 = state.s2();
        this.s3 = state.s3();
    }

    /** The generator's full state; never all zero (xoshiro's one forbidden state). */
    public record State(long s0, long s1, long s2, long s3) {
        public State {
            if ((s0 | s1 | s2 | s3) == 0) {
                throw new IllegalArgumentException("an all-zero xoshiro256 state never leaves zero");
            }
        }
    }

    /** Seeds the four state words from SplitMix64, as the algorithm's authors recommend. */
    public static Xoshiro256 seeded(long seed) {
        SplitMix64 expander = new SplitMix64(seed);
        long a = expander.nextLong();
        long b = expander.nextLong();
        long c = expander.nextLong();
        long d = expander.nextLong();
        // Four consecutive SplitMix64 outputs are never all zero (mix is a bijection of distinct inputs).
        return new Xoshiro256(new State(a, b, c, d));
    }

    /** Continues exactly where the generator that produced {@code state} stopped. */
    public static Xoshiro256 restore(State state) {
        return new Xoshiro256(state);
    }

    public State state() {
        return new State(s0, s1, s2, s3);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform in {@code [0, bound)}, without modulo bias: Lemire's multiply-and-reject method on the
     * upper 32 bits of each draw.
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFF_FFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFF_FFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in {@code [from, to]}, both ends included. */
    public int nextInt(int from, int to) {
        if (to < from) {
            throw new IllegalArgumentException("empty interval [" + from + ", " + to + "]");
        }
        return from + nextInt(to - from + 1);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return nextDouble() < p;
    }

    public <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    public int pick(int[] values) {
        return values[nextInt(values.length)];
    }
}
