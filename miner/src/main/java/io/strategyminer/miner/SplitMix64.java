package io.strategyminer.miner;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014): the seed expander of the miner. It turns one 64-bit
 * number into a stream of well-mixed 64-bit numbers, which is what seeding {@link Xoshiro256} and
 * deriving a work unit's seed from its search's seed need. Implemented here, not taken from the
 * JDK, because every peer must produce the very same numbers (DESIGN §4).
 */
public final class SplitMix64 {
    /** The golden-ratio increment of SplitMix64: 2^64 / φ, odd. */
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** The SplitMix64 output function (a variant of MurmurHash3's finaliser): a bijection on 64-bit values. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The {@code index}-th output (0-based) of a SplitMix64 stream seeded with {@code seed}, computed
     * directly: {@code mix(seed + (index + 1) * GOLDEN_GAMMA)}. Distinct indices give distinct, unrelated
     * values, which is how work unit {@code index} of a search gets its own seed.
     */
    public static long derive(long seed, long index) {
        return mix(seed + (index + 1) * GOLDEN_GAMMA);
    }
}
