package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.data.DatasetId;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The digests commit to every field of their encoding: change any one field, or drop it where that
 * means something (an undefined metric, an empty string, a missing trade), and the digest changes. The fields
 * are enumerated reflectively, so a field whose write is missing from {@link ResultDigest} fails here.
 */
class ResultDigestTest {
    private static final DatasetId DATASET = new DatasetId("ab".repeat(32));
    private static final Split SPLIT = Split.DEFAULT;
    private static final BacktestConfig COSTS = BacktestConfig.DEFAULT;
    private static final Range IN = new Range(0, 700);
    private static final Range OUT = new Range(700, 1000);
    private static final List<Trade> IN_TRADES = List.of(
            new Trade(10, 20, 101.5, 104.25, 49.2, 131.7, 2.68, ExitReason.TAKE_PROFIT),
            new Trade(30, 45, 103.0, 99.5, 50.1, -178.4, -3.43, ExitReason.STOP_LOSS));
    private static final List<Trade> OUT_TRADES = List.of(
            new Trade(710, 999, 98.75, 110.0, 51.0, 570.2, 11.3, ExitReason.END_OF_DATA));
    /** Four sets of metrics whose every component differs from the others', so no swap goes unnoticed. */
    private static final List<Metrics> METRICS = List.of(
            new Metrics(1234.5, 12.345, 30.25, 42, 0.55, 1.6, 35.0, 7.5, 120, 1.8, 2.4, -0.35, 4.75),
            new Metrics(2345.5, 23.455, 61.5, 1, 1.0, 100, 100, 18.25, 120, 1.1, 1.5, -0.6, 5.5),
            new Metrics(-12.25, -0.1225, Double.NaN, 9, 0.4444444444444444, 0.9, 20.5, 3.25, 12, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN),
            new Metrics(-40.5, -0.405, Double.NaN, 1, 0, 0, 100, 9.75, 12, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN));

    private static String tradesDigest() {
        return ResultDigest.trades(IN, IN_TRADES, OUT, OUT_TRADES);
    }

    private static String digest(String engine, DatasetId dataset, Split split, BacktestConfig costs, String trades,
                                 List<Metrics> metrics) {
        return ResultDigest.of(engine, dataset, split, costs, trades, metrics.get(0), metrics.get(1), metrics.get(2),
                metrics.get(3));
    }

    private static String base() {
        return digest(EngineVersion.CURRENT, DATASET, SPLIT, COSTS, tradesDigest(), METRICS);
    }

    @Test
    void everyComponentOfEachOfTheFourMetricsReachesTheDigest() {
        String base = base();
        Set<String> seen = new HashSet<>(List.of(base));
        RecordComponent[] components = Metrics.class.getRecordComponents();
        assertEquals(13, components.length, "a new metric needs its write in ResultDigest and a case here");
        for (int which = 0; which < METRICS.size(); which++) {
            for (int k = 0; k < components.length; k++) {
                for (UnaryOperator<Object> change : changes(components[k])) {
                    List<Metrics> altered = new ArrayList<>(METRICS);
                    altered.set(which, with(METRICS.get(which), k, change));
                    String digest = digest(EngineVersion.CURRENT, DATASET, SPLIT, COSTS, tradesDigest(), altered);
                    String where = "metrics " + which + " component " + components[k].getName();
                    assertNotEquals(base, digest, where);
                    assertTrue(seen.add(digest), () -> "two changes gave one digest at " + where);
                }
            }
        }
    }

    @Test
    void theStrategyAndItsBuyAndHoldCannotBeSwapped() {
        List<Metrics> swapped = List.of(METRICS.get(1), METRICS.get(0), METRICS.get(3), METRICS.get(2));
        assertNotEquals(base(), digest(EngineVersion.CURRENT, DATASET, SPLIT, COSTS, tradesDigest(), swapped));
        List<Metrics> ranges = List.of(METRICS.get(2), METRICS.get(3), METRICS.get(0), METRICS.get(1));
        assertNotEquals(base(), digest(EngineVersion.CURRENT, DATASET, SPLIT, COSTS, tradesDigest(), ranges));
    }

    @Test
    void everyHeaderFieldAndTheTradesDigestReachTheDigest() {
        String trades = tradesDigest();
        List<String> variants = List.of(
                base(),
                digest("sm-engine-3", DATASET, SPLIT, COSTS, trades, METRICS),
                digest("", DATASET, SPLIT, COSTS, trades, METRICS),
                digest(EngineVersion.CURRENT, new DatasetId("ac".repeat(32)), SPLIT, COSTS, trades, METRICS),
                digest(EngineVersion.CURRENT, DATASET, new Split(71), COSTS, trades, METRICS),
                digest(EngineVersion.CURRENT, DATASET, SPLIT, new BacktestConfig(Math.nextUp(COSTS.feePct()),
                        COSTS.slippagePct(), COSTS.initialCapital()), trades, METRICS),
                digest(EngineVersion.CURRENT, DATASET, SPLIT, new BacktestConfig(COSTS.feePct(),
                        Math.nextUp(COSTS.slippagePct()), COSTS.initialCapital()), trades, METRICS),
                digest(EngineVersion.CURRENT, DATASET, SPLIT, new BacktestConfig(COSTS.feePct(), COSTS.slippagePct(),
                        Math.nextUp(COSTS.initialCapital())), trades, METRICS),
                digest(EngineVersion.CURRENT, DATASET, SPLIT, COSTS, flipLastHexDigit(trades), METRICS),
                digest(EngineVersion.CURRENT, DATASET, SPLIT, COSTS, ResultDigest.trades(IN, List.of(), OUT, List.of()),
                        METRICS));
        assertEquals(variants.size(), new HashSet<>(variants).size(), () -> "some header field is not bound: "
                + variants);
    }

    @Test
    void everyFieldOfEveryTradeAndTheRangesReachTheTradesDigest() {
        String base = tradesDigest();
        Set<String> seen = new HashSet<>(List.of(base));
        RecordComponent[] components = Trade.class.getRecordComponents();
        for (int t = 0; t < IN_TRADES.size(); t++) {
            for (int k = 0; k < components.length; k++) {
                for (UnaryOperator<Object> change : changes(components[k])) {
                    List<Trade> altered = new ArrayList<>(IN_TRADES);
                    altered.set(t, with(IN_TRADES.get(t), k, change));
                    String digest = ResultDigest.trades(IN, altered, OUT, OUT_TRADES);
                    String where = "trade " + t + " field " + components[k].getName();
                    assertNotEquals(base, digest, where);
                    assertTrue(seen.add(digest), () -> "two changes gave one trades digest at " + where);
                }
            }
        }
        List<String> variants = List.of(
                base,
                ResultDigest.trades(new Range(1, 700), IN_TRADES, OUT, OUT_TRADES),
                ResultDigest.trades(new Range(0, 699), IN_TRADES, new Range(699, 1000), OUT_TRADES),
                ResultDigest.trades(IN, IN_TRADES, new Range(700, 1001), OUT_TRADES),
                ResultDigest.trades(IN, IN_TRADES.subList(0, 1), OUT, OUT_TRADES),
                ResultDigest.trades(IN, IN_TRADES, OUT, List.of()),
                // the same trades, one moved from the in-sample list to the out-of-sample one: only counts tell
                ResultDigest.trades(IN, IN_TRADES.subList(0, 1), OUT, List.of(IN_TRADES.get(1), OUT_TRADES.get(0))),
                ResultDigest.trades(IN, List.of(IN_TRADES.get(1), IN_TRADES.get(0)), OUT, OUT_TRADES));
        assertEquals(variants.size(), new HashSet<>(variants).size(), () -> "some trade field is not bound: "
                + variants);
    }

    @Test
    void anEvaluationsDigestIsComputedFromItsOwnReportedFigures() {
        Backtester backtester = new Backtester(SharedData.btc2011(), BacktestConfig.DEFAULT);
        Evaluation e = backtester.evaluate(new RandomGenomes(3).any(), Split.DEFAULT);
        assertEquals(ResultDigest.trades(e.inSample().range(), e.inSample().trades(), e.outOfSample().range(),
                e.outOfSample().trades()), e.tradesDigest());
        assertEquals(ResultDigest.of(EngineVersion.CURRENT, backtester.dataset().id(), Split.DEFAULT,
                BacktestConfig.DEFAULT, e.tradesDigest(), e.inSample().metrics(), e.inSample().buyAndHold(),
                e.outOfSample().metrics(), e.outOfSample().buyAndHold()), e.digest());
    }

    @Test
    void theEncodingIsFixed() {
        // Worked independently from the encoding in ResultDigest's documentation (Python's struct and hashlib:
        // writeUTF = 2-byte length + bytes, big-endian int32, doubles as IEEE bits, NaN 0x7ff8000000000000).
        // A change of these values is a change of the encoding: it needs a new magic and EngineVersion.
        assertEquals("13030418843e6fd5a6d56b7509038cc8017b5407bb60c1c4169f88906ad6e7dd", tradesDigest());
        assertEquals("7d9d7dd5442fb3914e29ee4f4d1194bea6aeb5e58823f9cd3141c872177f1725",
                digest("sm-engine-2", DATASET, SPLIT, COSTS, tradesDigest(), METRICS));
    }

    @Test
    void aWalkForwardWindowsEncodingIsFixedAndBindsWhichWindowItIs() {
        // Worked independently as theEncodingIsFixed: after the in-sample percent come windows and window (int32)
        // and anchored (one byte, 1 or 0); a single split writes none of them, so its digest is the one above.
        String trades = tradesDigest();
        assertEquals("6c75ef159f2d59e2164bb5c8f8720922437ac5ce8e1e1bba298f48882356a795",
                digest("sm-engine-2", DATASET, Split.walkForward(70, 4, 2, true), COSTS, trades, METRICS));
        assertEquals("df720e27968aca5cf751cac793e726c4a5c4a255ff186fd14d9d70c3e7d10c92",
                digest("sm-engine-2", DATASET, Split.walkForward(70, 4, 2, false), COSTS, trades, METRICS));
        List<String> windows = List.of(
                digest("sm-engine-2", DATASET, Split.walkForward(70, 4, 2, true), COSTS, trades, METRICS),
                digest("sm-engine-2", DATASET, Split.walkForward(70, 5, 2, true), COSTS, trades, METRICS),
                digest("sm-engine-2", DATASET, Split.walkForward(70, 4, 3, true), COSTS, trades, METRICS),
                digest("sm-engine-2", DATASET, Split.walkForward(70, 4, 2, false), COSTS, trades, METRICS),
                digest("sm-engine-2", DATASET, Split.walkForward(60, 4, 2, true), COSTS, trades, METRICS),
                digest("sm-engine-2", DATASET, SPLIT, COSTS, trades, METRICS));
        assertEquals(windows.size(), new HashSet<>(windows).size(), () -> "a window field is not bound: " + windows);
    }

    @Test
    void aRefusedTradesDigestIsQuotedWholeUpTo70CharactersAndCutBeyond() {
        String seventy = "x".repeat(70);
        IllegalArgumentException whole = assertThrows(IllegalArgumentException.class,
                () -> digest(EngineVersion.CURRENT, DATASET, SPLIT, COSTS, seventy, METRICS));
        assertEquals("trades digest must be 64 lowercase hex characters, got '" + seventy + "'", whole.getMessage());
        String long71 = "0123456789".repeat(7) + "y";
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> digest(EngineVersion.CURRENT, DATASET, SPLIT, COSTS, long71, METRICS));
        assertEquals("trades digest must be 64 lowercase hex characters, got '" + long71.substring(0, 67) + "...'",
                cut.getMessage());
    }

    @Test
    void aMalformedTradesDigestIsRefused() {
        for (String bad : new String[] {"", "ab", "AB".repeat(32), "zz".repeat(32), "ab".repeat(33)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> digest(EngineVersion.CURRENT, DATASET, SPLIT, COSTS, bad, METRICS));
            assertTrue(e.getMessage().contains("trades digest"), e.getMessage());
        }
    }

    private static String flipLastHexDigit(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    /**
     * The changes tried on one field: the smallest change of its value (next double up, int plus one, another
     * exit reason), and for a double also "undefined" (NaN), or a defined value if it is NaN.
     */
    private static List<UnaryOperator<Object>> changes(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == double.class) {
            return List.of(
                    v -> Double.isNaN((Double) v) ? 0.5 : Math.nextUp((Double) v),
                    v -> Double.isNaN((Double) v) ? -0.25 : Double.NaN);
        }
        if (type == int.class) {
            return List.of(v -> (Integer) v + 1);
        }
        if (type == ExitReason.class) {
            return List.of(v -> ExitReason.values()[(((ExitReason) v).ordinal() + 1) % ExitReason.values().length]);
        }
        throw new AssertionError("no change defined for a " + type + " field: " + component);
    }

    /** A copy of {@code record} with component {@code k} changed; through the canonical constructor. */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R with(R record, int k, UnaryOperator<Object> change) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(record);
                types[i] = components[i].getType();
            }
            values[k] = change.apply(values[k]);
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            return (R) canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
