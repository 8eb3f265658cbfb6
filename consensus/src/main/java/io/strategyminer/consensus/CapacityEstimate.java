package io.strategyminer.consensus;

import io.strategyminer.ledger.event.PeerAnnounced;

/**
 * A peer's capacity measured on the work it really runs, in <b>candle-steps per second</b>: backtests × candles in
 * the backtested range, a unit of work that does not depend on the dataset's size (a backtest of 30,000 candles is
 * 30,000 candle-steps, one of 1,917 candles 1,917).
 *
 * <p>One estimate per peer, of the speed of <b>one worker slot</b>; the peer's capacity is that × its slots. Every
 * slot feeds it: each finished generation of a work unit is a sample (genomes evaluated × in-sample candles of the
 * unit, and the slot's wall time for it), so slots sharing busy cores show up as slower slots. The mean is weighted
 * by time: a sample of {@code t} slot-nanoseconds pulls the estimate towards its rate with weight
 * {@code max(t / (seed weight + time measured so far), 1 − 2^(−t / half-life))}. While little has been measured this
 * is the time-weighted mean of the seed (worth {@link #SEED_WEIGHT_NANOS}) and every
 * sample, so a wrong seed fades after a few seconds of real work; afterwards it is an exponentially weighted mean with
 * a half-life of {@link #HALF_LIFE_NANOS} of slot time, which follows a machine that gets busier or quieter within
 * minutes and ignores one odd generation.
 *
 * <p>Re-announcing ({@link #announceDue}): the first figure at once, then only when the estimate moved by more than
 * {@link #ANNOUNCE_CHANGE} from the last announced one and at least {@link #ANNOUNCE_INTERVAL_MILLIS} after it, so a
 * steady peer announces a handful of times per run, never more than once a minute.
 *
 * <p>Pure and deterministic: no clock is read; the caller passes each sample's duration and the time.
 * Not thread-safe: callers synchronise.
 */
public final class CapacityEstimate {
    /** Half-life of the exponential weighting, in slot time: 60 s. */
    public static final long HALF_LIFE_NANOS = 60_000_000_000L;
    /**
     * What the seed weighs, as if it were this much measured slot time: 1 s. The start-up probe runs other work (the
     * bundled 1,917 candles, random genomes, no contention with other slots), so it only has to be right until the
     * first generations finish.
     */
    public static final long SEED_WEIGHT_NANOS = 1_000_000_000L;
    /** Relative change of the estimate that makes a new announcement worth it. */
    public static final double ANNOUNCE_CHANGE = 0.10;
    /** Least time between two announcements. */
    public static final long ANNOUNCE_INTERVAL_MILLIS = 60_000;
    /** The most a peer can announce: {@link PeerAnnounced}'s range (10⁹ backtests of 1,000 candles per second). */
    public static final double MAX_CANDLE_STEPS_PER_SECOND = 1e9 * PeerAnnounced.REFERENCE_CANDLES;

    private final int slots;
    /** The seed's weight in the cumulative mean: none when there was no seed. */
    private final double seedWeightNanos;
    private double perSlot;
    private long measuredNanos;
    private long samples;
    private double announced = Double.NaN;
    private long announcedAt;

    /**
     * @param slots            worker slots of the peer, ≥ 1
     * @param seedPerSlot      the start-up probe's figure for one slot in candle-steps/s (0 when not probed)
     */
    public CapacityEstimate(int slots, double seedPerSlot) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots " + slots + " < 1");
        }
        if (!(seedPerSlot >= 0) || Double.isInfinite(seedPerSlot)) {
            throw new IllegalArgumentException("seed " + seedPerSlot + " is not a finite number ≥ 0");
        }
        this.slots = slots;
        this.perSlot = seedPerSlot;
        this.seedWeightNanos = seedPerSlot > 0 ? SEED_WEIGHT_NANOS : 0;
    }

    /**
     * One slot ran {@code candleSteps} candle-steps in {@code elapsedNanos} of wall time. Samples with nothing in them
     * (no step or no time) are ignored.
     */
    public void record(long candleSteps, long elapsedNanos) {
        if (candleSteps <= 0 || elapsedNanos <= 0) {
            return;
        }
        double rate = candleSteps * 1e9 / elapsedNanos;
        double cumulative = elapsedNanos / (seedWeightNanos + measuredNanos + (double) elapsedNanos);
        double exponential = 1 - StrictMath.pow(0.5, elapsedNanos / (double) HALF_LIFE_NANOS);
        double weight = Math.max(cumulative, exponential);
        perSlot += weight * (rate - perSlot);
        measuredNanos = measuredNanos > Long.MAX_VALUE - elapsedNanos ? Long.MAX_VALUE : measuredNanos + elapsedNanos;
        samples++;
    }

    /** One slot's speed, candle-steps per second (the seed until something was measured). */
    public double perSlot() {
        return perSlot;
    }

    /** The whole peer's capacity, candle-steps per second: one slot's speed × slots, at most {@link #MAX_CANDLE_STEPS_PER_SECOND}. */
    public double capacity() {
        return Math.min(perSlot * slots, MAX_CANDLE_STEPS_PER_SECOND);
    }

    /** Slot time measured so far (seed excluded). */
    public long measuredNanos() {
        return measuredNanos;
    }

    /** Samples recorded so far. */
    public long samples() {
        return samples;
    }

    /**
     * Whether {@link #capacity()} should be announced at {@code nowMillis}: nothing announced yet, or it moved by more
     * than {@link #ANNOUNCE_CHANGE} from the last announced figure and {@link #ANNOUNCE_INTERVAL_MILLIS} have passed.
     */
    public boolean announceDue(long nowMillis) {
        if (Double.isNaN(announced)) {
            return true;
        }
        if (nowMillis - announcedAt < ANNOUNCE_INTERVAL_MILLIS) {
            return false;
        }
        double now = capacity();
        return announced <= 0 ? now > 0 : Math.abs(now - announced) > ANNOUNCE_CHANGE * announced;
    }

    /** Records that {@code capacity} was announced at {@code nowMillis}. */
    public void announced(double capacity, long nowMillis) {
        this.announced = capacity;
        this.announcedAt = nowMillis;
    }

    /** The last figure announced (NaN before the first). */
    public double lastAnnounced() {
        return announced;
    }

    /** The figure {@link PeerAnnounced#backtestsPerSecond()} carries for {@code candleStepsPerSecond}. */
    public static double announcedFigure(double candleStepsPerSecond) {
        return Math.min(Math.max(0, candleStepsPerSecond), MAX_CANDLE_STEPS_PER_SECOND) / PeerAnnounced.REFERENCE_CANDLES;
    }
}
