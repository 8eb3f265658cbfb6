package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Range;
import io.strategyminer.miner.ThroughputProbe.Throughput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The figure a peer announces: what it counts, how it divides, and what it refuses. */
class ThroughputProbeTest {
    private static final Backtester BACKTESTER = new Backtester(TestData.plantedRally(2_000, 5), BacktestConfig.DEFAULT);

    @Test
    void aRateIsBacktestsOverSecondsAndPerThreadItsShare() {
        Throughput t = new Throughput(4, 1_000, 2.5);
        assertEquals(400.0, t.perSecond());
        assertEquals(100.0, t.perThread());
        assertEquals(10.0, new Throughput(1, 30, 3).perThread());
    }

    @Test
    void aMeasurementCountsTheBacktestsOfItsTimedStretchOnly() {
        ThroughputProbe probe = new ThroughputProbe(BACKTESTER, new Range(0, 2_000), 7);
        Duration timed = Duration.ofMillis(300);
        long before = System.nanoTime();
        Throughput t = probe.measure(2, Duration.ofMillis(50), timed);
        double wall = (System.nanoTime() - before) / 1e9;
        assertEquals(2, t.threads());
        assertTrue(t.backtests() > 0, "no backtest counted");
        // the timed stretch, not the warm-up or the untimed first pass, and no longer than the whole call
        assertTrue(t.seconds() >= timed.toNanos() / 1e9, t.seconds() + " s measured for a " + timed + " stretch");
        assertTrue(t.seconds() <= wall, t.seconds() + " s measured in a call of " + wall + " s");
        assertEquals(t.backtests() / t.seconds(), t.perSecond());
    }

    @Test
    void oneThreadIsEnough() {
        ThroughputProbe probe = new ThroughputProbe(BACKTESTER, new Range(0, 2_000), 7);
        Throughput t = probe.measure(1, Duration.ZERO, Duration.ofMillis(100));
        assertEquals(1, t.threads());
        assertTrue(t.backtests() > 0, "no backtest counted");
        assertEquals(t.perSecond(), t.perThread());
    }

    @Test
    void noThreadsIsRefused() {
        ThroughputProbe probe = new ThroughputProbe(BACKTESTER, new Range(0, 2_000), 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.measure(0, Duration.ZERO, Duration.ofMillis(10)));
        assertEquals("threads must be at least 1, got 0", e.getMessage());
    }
}
