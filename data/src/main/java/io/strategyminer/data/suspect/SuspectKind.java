package io.strategyminer.data.suspect;

/** Why a candle is suspect; the thresholds are in {@link SuspectDetector} and the data README. */
public enum SuspectKind {
    /** Open, high, low or close is zero or negative (or not a finite number). */
    NON_POSITIVE_PRICE,
    /** High is below low. */
    HIGH_BELOW_LOW,
    /** Open or close lies outside [low, high]. */
    OUTSIDE_RANGE,
    /** A price far from the closes on both sides of the candle, relative to the local volatility. */
    SPIKE,
    /** Volume is negative or not a finite number. */
    BAD_VOLUME,
    /** Volume is absurdly far above the volumes around it. */
    ABSURD_VOLUME;

    /** True for the kinds that make a price untrustworthy (repaired by replacing that price). */
    boolean impossiblePrice() {
        return this == NON_POSITIVE_PRICE || this == SPIKE;
    }

    /** True for the kinds about the volume. */
    boolean volume() {
        return this == BAD_VOLUME || this == ABSURD_VOLUME;
    }
}
