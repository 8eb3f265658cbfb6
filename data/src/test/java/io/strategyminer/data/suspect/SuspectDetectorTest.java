package io.strategyminer.data.suspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.strategyminer.data.CandleSeries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The suspect rules, each with its numbers, and what they must never flag. */
class SuspectDetectorTest {
    private static final CandleSeries CALM = Walks.walk(60, 7, 1_000, 0.002);

    private static List<SuspectCandle> find(CandleSeries s) {
        return SuspectDetector.find(s, i -> "line " + (i + 2));
    }

    private static CandleSeries calmWith(int i, double open, double high, double low, double close, double volume) {
        return Walks.with(CALM, i, open, high, low, close, volume);
    }

    static Stream<Arguments> rules() {
        double c = CALM.close()[29];
        return Stream.of(
                Arguments.of("high below low", calmWith(30, c, c - 1, c + 1, c, 10), SuspectKind.HIGH_BELOW_LOW,
                        List.of("high", "low"), "high " + (c - 1) + " is below low " + (c + 1)),
                Arguments.of("open above high", calmWith(30, c + 2, c + 1, c - 1, c, 10), SuspectKind.OUTSIDE_RANGE,
                        List.of("open"), "open " + (c + 2) + " is above high " + (c + 1)),
                Arguments.of("close below low", calmWith(30, c, c + 1, c - 1, c - 2, 10), SuspectKind.OUTSIDE_RANGE,
                        List.of("close"), "close " + (c - 2) + " is below low " + (c - 1)),
                Arguments.of("zero prices", calmWith(30, 0, 0, 0, 0, 10), SuspectKind.NON_POSITIVE_PRICE,
                        List.of("open", "high", "low", "close"), "open 0.0, high 0.0, low 0.0, close 0.0 are not positive"
                                + " prices"),
                Arguments.of("negative low", calmWith(30, c, c + 1, -1, c, 10), SuspectKind.NON_POSITIVE_PRICE,
                        List.of("low"), "low -1.0 is not a positive price"),
                Arguments.of("negative volume", calmWith(30, c, c + 1, c - 1, c, -0.5), SuspectKind.BAD_VOLUME,
                        List.of("volume"), "volume -0.5 is negative"),
                Arguments.of("NaN volume", calmWith(30, c, c + 1, c - 1, c, Double.NaN), SuspectKind.BAD_VOLUME,
                        List.of("volume"), "volume NaN is not a finite number"),
                Arguments.of("absurd volume", calmWith(30, c, c + 1, c - 1, c, 2e6), SuspectKind.ABSURD_VOLUME,
                        List.of("volume"), "volume 2000000.0 is "),
                Arguments.of("a spike up", calmWith(30, c, 5 * c, c, c, 10), SuspectKind.SPIKE, List.of("high"),
                        "high " + 5 * c + " is far from the closes around it (median "),
                Arguments.of("the bad tick", calmWith(30, 0.06, c + 5, 0.06, c, 10), SuspectKind.SPIKE,
                        List.of("open", "low"), "open 0.06, low 0.06 are far from the closes around it (median "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleNamesItsFieldsAndNumbers(String name, CandleSeries series, SuspectKind kind, List<String> fields,
                                          String detail) {
        List<SuspectCandle> found = find(series);
        assertEquals(1, found.size(), found.toString());
        SuspectCandle s = found.get(0);
        assertEquals(30, s.index());
        assertEquals(series.time()[30], s.time());
        assertEquals("line 32", s.location());
        assertEquals(kind, s.reasons().get(0).kind(), s.why());
        assertEquals(fields, s.reasons().get(0).fields());
        assertTrue(s.reasons().get(0).detail().startsWith(detail), s.why());
    }

    @Test
    void theSpikeReasonGivesTheDistanceTheLimitAndTheVolatility() {
        double c = CALM.close()[29];
        String why = find(calmWith(30, c, c, c / 100, c, 10)).get(0).why();
        assertTrue(why.matches("low [0-9.]+ is far from the closes around it \\(median [0-9.]+ before, [0-9.]+ after\\):"
                + " 99(\\.\\d+)? % below them, log distance 4\\.6\\d+ over the limit 0\\.6931 = max\\(ln 2, 10 × local"
                + " volatility 0\\.000\\d+\\)"), why);
        String absurd = find(calmWith(30, c, c + 1, c - 1, c, 2e6)).get(0).why();
        assertTrue(absurd.matches("volume 2000000\\.0 is 1\\d{5}(\\.\\d+)? times the median 1\\d(\\.\\d+)? of the"
                + " non-zero volumes around it \\(limit 10000 times\\)"), absurd);
    }

    @Test
    void realMarketShapesAreNotSuspect() {
        assertEquals(List.of(), find(CALM));
        assertEquals(List.of(), find(Walks.scaled(CALM, 0.0008 / 1_000)), "BTC at $0.0008 in 2009 is a price");
        double c = CALM.close()[29];
        assertEquals(List.of(), find(calmWith(30, c, c * 1.01, c * 0.6, c, 10)), "a 40 % wick is under ln 2");
        assertEquals(1, find(calmWith(30, c, c * 1.01, c * 0.4, c, 10)).size(), "a 60 % wick is over it");
        assertEquals(List.of(), find(calmWith(30, c, c + 1, c - 1, c, 0)), "no trades: volume 0");
        assertEquals(List.of(), find(calmWith(30, c, c + 1, c - 1, c, 10 * 5_000)), "a volume burst of 5,000 ×");
    }

    @Test
    void aCrashOrRallyThatPersistsIsNotASpike() {
        for (double factor : new double[] {0.1, 0.02, 10, 50}) {
            CandleSeries before = CALM.slice(0, 30);
            CandleSeries after = Walks.scaled(CALM.slice(30, 60), factor);
            CandleSeries joined = Walks.with(concat(before, after), 30, CALM.close()[29], Math.max(CALM.close()[29],
                    after.close()[0]), Math.min(CALM.close()[29], after.close()[0]), after.close()[0], 10);
            assertEquals(List.of(), find(joined), "× " + factor);
        }
    }

    @Test
    void aSwingThatIsOrdinaryForAVolatileMarketIsNotASpike() {
        CandleSeries wild = Walks.walk(60, 11, 5, 0.4); // weekly candles of a young market: ±40 % a candle
        assertEquals(List.of(), find(wild));
        double c = wild.close()[29];
        assertEquals(List.of(), find(Walks.with(wild, 30, c, c * 3, c, c, 10)), "3 × is inside 10 local volatilities");
        assertEquals(1, find(Walks.with(wild, 30, c, c * 500, c, c, 10)).size());
    }

    @Test
    void runsOfUpToFiveBadCandlesAreAllCaughtAndTheEndsOfTheSeriesToo() {
        for (int run = 1; run <= 5; run++) {
            CandleSeries s = CALM;
            for (int i = 30; i < 30 + run; i++) {
                s = Walks.with(s, i, 0.06, 0.06, 0.06, 0.06, 10);
            }
            assertEquals(run, find(s).size(), "run of " + run);
        }
        double c = CALM.close()[1];
        assertEquals(0, find(Walks.with(CALM, 0, c / 100, c, c / 100, c, 10)).get(0).index(), "judged by its right side");
        int last = CALM.size() - 1;
        assertEquals(last, find(Walks.with(CALM, last, c, c * 100, c, c, 10)).get(0).index(), "by its left side");
    }

    /** Never an absolute level: scaling every price by any power of ten flags the same candles for the same reasons. */
    @Property(tries = 200)
    void theSameCandlesAreSuspectAtAnyPriceLevel(@ForAll @LongRange(min = 0, max = 1_000) long seed,
                                                 @ForAll @IntRange(min = -9, max = 6) int exponent,
                                                 @ForAll @IntRange(min = 0, max = 59) int bad) {
        double c = CALM.close()[Math.max(0, bad - 1)];
        CandleSeries planted = Walks.with(Walks.walk(60, seed, 1_000, 0.003), bad, c, c * 1.01, c * 0.3, c, 10);
        List<SuspectCandle> base = find(planted);
        List<SuspectCandle> scaled = find(Walks.scaled(planted, StrictMath.pow(10, exponent)));
        assertEquals(base.stream().map(SuspectCandle::index).toList(), scaled.stream().map(SuspectCandle::index).toList());
        assertEquals(base.stream().map(s -> s.reasons().stream().map(SuspectReason::kind).toList()).toList(),
                scaled.stream().map(s -> s.reasons().stream().map(SuspectReason::kind).toList()).toList());
    }

    private static CandleSeries concat(CandleSeries a, CandleSeries b) {
        io.strategyminer.data.CandleSeriesBuilder out = new io.strategyminer.data.CandleSeriesBuilder();
        for (int i = 0; i < a.size(); i++) {
            out.add(a, i);
        }
        for (int i = 0; i < b.size(); i++) {
            out.add(b, i);
        }
        return out.build();
    }
}
