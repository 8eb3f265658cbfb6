package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.event.PeerAnnounced;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CapacityEstimateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theSeedIsTheEstimateUntilSomethingIsMeasuredAndCapacityIsPerSlotTimesSlots() {
        CapacityEstimate estimate = new CapacityEstimate(3, 2e7);
        assertEquals(2e7, estimate.perSlot());
        assertEquals(6e7, estimate.capacity());
        estimate.record(0, SECOND);
        estimate.record(1_000, 0);
        assertEquals(2e7, estimate.perSlot(), "empty samples are ignored");
        assertEquals(0, estimate.samples());
    }

    @Test
    void withoutASeedTheFirstSampleIsTheEstimate() {
        CapacityEstimate estimate = new CapacityEstimate(2, 0);
        estimate.record(5_000_000, SECOND / 2);
        assertEquals(1e7, estimate.perSlot(), 1e-6);
        assertEquals(2e7, estimate.capacity(), 1e-6);
        assertEquals(SECOND / 2, estimate.measuredNanos());
    }

    @Test
    void aProbeThreeTimesTooFastFadesWithinSecondsOfRealWork() {
        // the start-up probe said 3x what the real work runs (the bundled set vs a large dataset)
        CapacityEstimate estimate = new CapacityEstimate(1, 3e7);
        for (int generation = 0; generation < 40; generation++) {
            estimate.record(5_000_000, SECOND / 2); // 1e7 candle-steps/s, 0.5 s a generation
        }
        // 20 s measured against a seed worth 1 s: the error is at most 1/21 of the seed's
        assertTrue(Math.abs(estimate.perSlot() - 1e7) <= 2e7 / 21.0 + 1e-6, "estimate " + estimate.perSlot());
        assertEquals(1e7, estimate.perSlot(), 0.1e7);
    }

    @Test
    void itFollowsAMachineThatGetsSlowerWithinMinutesAndIgnoresOneOddGeneration() {
        CapacityEstimate estimate = new CapacityEstimate(2, 0);
        for (int i = 0; i < 600; i++) {
            estimate.record(10_000_000, SECOND); // 10 minutes at 1e7
        }
        estimate.record(1_000_000, SECOND); // one generation 10x slower (a GC pause, another process)
        assertEquals(1e7, estimate.perSlot(), 0.02e7);
        for (int i = 0; i < 240; i++) {
            estimate.record(5_000_000, SECOND); // then 4 minutes at half the speed: 4 half-lives
        }
        assertEquals(5e6, estimate.perSlot(), 0.1 * 5e6);
    }

    @Test
    void announcesTheFirstFigureThenOnlyMovesOfMoreThanTenPercentAtMostOnceAMinute() {
        CapacityEstimate estimate = new CapacityEstimate(1, 1e7);
        long t = 1_000_000;
        assertTrue(estimate.announceDue(t));
        estimate.announced(estimate.capacity(), t);
        assertEquals(1e7, estimate.lastAnnounced());
        assertFalse(estimate.announceDue(t + 120_000), "unchanged");
        for (int i = 0; i < 30; i++) {
            estimate.record(2_000_000, SECOND); // 2e6: the seed was 5x too fast
        }
        assertTrue(Math.abs(estimate.capacity() - 1e7) > 0.1e7);
        assertFalse(estimate.announceDue(t + 59_999), "within the minute");
        assertTrue(estimate.announceDue(t + 60_000));
        estimate.announced(estimate.capacity(), t + 60_000);
        estimate.record(2_100_000, SECOND); // +5 %: not worth an event
        assertFalse(estimate.announceDue(t + 600_000));
    }

    @Test
    void theAnnouncedFigureCountsBacktestsOfAThousandCandlesAndIsBounded() {
        assertEquals(20_000, CapacityEstimate.announcedFigure(2e7));
        assertEquals(0, CapacityEstimate.announcedFigure(-5));
        assertEquals(1e9, CapacityEstimate.announcedFigure(1e20));
        PeerAnnounced.of(io.strategyminer.ledger.identity.PeerIdentity.generate(), "p",
                io.strategyminer.ledger.identity.MachineId.fromSystemId("m"), 1,
                CapacityEstimate.announcedFigure(1e20), "sm-engine-1"); // within the event's range
        assertEquals(CapacityEstimate.MAX_CANDLE_STEPS_PER_SECOND, new CapacityEstimate(4096, 1e15).capacity());
        assertThrows(IllegalArgumentException.class, () -> new CapacityEstimate(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CapacityEstimate(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new CapacityEstimate(1, -1));
    }

    /**
     * Identical peers whose start-up probes disagree wildly (anything from a tenth to ten times the real speed, as
     * 86,844 against 275,669 backtests/s did in the field) and whose generations take a noisy ±30 % of their usual
     * time end within ±10 % of each other after three minutes of slot time on the same work.
     */
    @Property(tries = 200)
    void identicalPeersWithDisagreeingProbesAgreeWithinTenPercent(@ForAll @DoubleRange(min = 0.1, max = 10) double a,
                                                                  @ForAll @DoubleRange(min = 0.1, max = 10) double b,
                                                                  @ForAll @DoubleRange(min = 0.1, max = 10) double c,
                                                                  @ForAll long noise) {
        double real = 10_000 / 3.0 * 14_486; // a third of 10,000 backtests/s of 14,486 in-sample candles, per slot
        long generationSteps = 40L * 14_486 * 10; // 400 backtests
        java.util.Random random = new java.util.Random(noise);
        List<CapacityEstimate> peers = List.of(new CapacityEstimate(1, a * real), new CapacityEstimate(1, b * real),
                new CapacityEstimate(1, c * real));
        for (CapacityEstimate peer : peers) {
            long slotTime = 0;
            while (slotTime < 180 * SECOND) {
                long nanos = Math.round(generationSteps / real * 1e9 * (0.7 + 0.6 * random.nextDouble()));
                peer.record(generationSteps, nanos);
                slotTime += nanos;
            }
        }
        double max = peers.stream().mapToDouble(CapacityEstimate::capacity).max().orElseThrow();
        double min = peers.stream().mapToDouble(CapacityEstimate::capacity).min().orElseThrow();
        assertTrue(max <= 1.1 * min, "capacities " + peers.stream().map(CapacityEstimate::capacity).toList());
        peers.forEach(p -> assertEquals(real, p.capacity(), 0.1 * real));
    }

    record Sample(long candleSteps, long nanos) {
        double rate() {
            return candleSteps * 1e9 / nanos;
        }
    }

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<Sample> sample = Combinators.combine(
                Arbitraries.longs().between(1, 10_000_000_000L),
                Arbitraries.longs().between(1_000_000L, 30 * SECOND)).as(Sample::new);
        return sample.list().ofMinSize(1).ofMaxSize(200);
    }

    /**
     * Whatever the samples: the estimate lies between the smallest and largest of the seed and the sample rates (a
     * weighted mean), the same samples give the same estimate (no clock inside), and the seed's error has shrunk at
     * least to {@code seed weight / (seed weight + time measured)} of itself when every sample ran at one rate.
     */
    @Property(tries = 300)
    void aTimeWeightedMeanBetweenItsInputsWhoseSeedFades(@ForAll("samples") List<Sample> samples,
                                                         @ForAll @DoubleRange(min = 0, max = 1e10) double seed,
                                                         @ForAll @IntRange(min = 1, max = 64) int slots) {
        CapacityEstimate estimate = new CapacityEstimate(slots, seed);
        CapacityEstimate replay = new CapacityEstimate(slots, seed);
        double low = seed > 0 ? seed : Double.POSITIVE_INFINITY;
        double high = seed > 0 ? seed : 0;
        for (Sample s : samples) {
            estimate.record(s.candleSteps(), s.nanos());
            replay.record(s.candleSteps(), s.nanos());
            low = Math.min(low, s.rate());
            high = Math.max(high, s.rate());
        }
        assertTrue(estimate.perSlot() >= low * (1 - 1e-9) && estimate.perSlot() <= high * (1 + 1e-9),
                estimate.perSlot() + " outside [" + low + ", " + high + "]");
        assertEquals(estimate.perSlot(), replay.perSlot());
        assertEquals(Math.min(estimate.perSlot() * slots, CapacityEstimate.MAX_CANDLE_STEPS_PER_SECOND),
                estimate.capacity());

        // one constant rate: the seed's error fades at least like a cumulative mean
        double rate = samples.get(0).rate();
        CapacityEstimate steady = new CapacityEstimate(slots, seed);
        long measured = 0;
        for (Sample s : samples) {
            long steps = Math.max(1, Math.round(rate * s.nanos() / 1e9));
            steady.record(steps, s.nanos());
            measured += s.nanos();
        }
        double seedWeight = seed > 0 ? CapacityEstimate.SEED_WEIGHT_NANOS : 0;
        double bound = Math.abs(seed - rate) * seedWeight / (seedWeight + measured);
        // rounding the steps to whole numbers moves each sample's rate by at most 1 step over its duration
        double rounding = 1e9 / 1_000_000L;
        assertTrue(Math.abs(steady.perSlot() - rate) <= bound + rounding + rate * 1e-9,
                "error " + Math.abs(steady.perSlot() - rate) + " > bound " + bound);
    }
}
