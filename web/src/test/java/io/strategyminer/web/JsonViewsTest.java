package io.strategyminer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.backtest.BacktestResult;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Range;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.web.api.MetricsJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics and backtest JSON: every figure under its name, undefined ones as null, buy-and-hold beside. */
class JsonViewsTest {
    private static final Metrics SHORT = new Metrics(-12.25, -0.1225, Double.NaN, 9, 0.5, 0.9, 20.5, 3.25, 12,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    private static final Metrics HOLD = new Metrics(80, 0.8, Double.NaN, 1, 1, 100, 100, 4, 12, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);
    private static final Metrics LONG = new Metrics(1234.5, 12.345, 30.25, 42, 0.55, 1.6, 35, 7.5, 120, 1.8, 2.4,
            -0.35, 4.75);

    @Test
    void undefinedFiguresAreNullAndDefinedOnesNumbers() {
        JsonNode json = Json.MAPPER.valueToTree(MetricsJson.of(SHORT));
        for (String undefined : new String[] {"cagrPct", "sharpe", "sortino", "dailySkewness", "dailyKurtosis"}) {
            assertTrue(json.get(undefined).isNull(), undefined + " in " + json);
        }
        assertFalse(Json.writeValue(MetricsJson.of(SHORT)).contains("NaN"));
        assertEquals(12, json.get("days").asInt());
        JsonNode defined = Json.MAPPER.valueToTree(MetricsJson.of(LONG));
        assertEquals(1.8, defined.get("sharpe").asDouble());
        assertEquals(4.75, defined.get("dailyKurtosis").asDouble());
        assertEquals(30.25, defined.get("cagrPct").asDouble());
        assertEquals(LONG.calmar(), defined.get("calmar").asDouble());
        assertEquals(List.of("netPnl", "returnPct", "cagrPct", "trades", "winRate", "profitFactor", "exposurePct",
                "maxDrawdownPct", "days", "sharpe", "sortino", "dailySkewness", "dailyKurtosis", "calmar"),
                iterable(defined.fieldNames()), "the Metrics record's order, then calmar");
        assertEquals(SHORT, MetricsJson.of(SHORT).toMetrics(), "null is NaN both ways");
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void aBacktestCarriesItsRangesBuyAndHoldAndTheExcessOverIt() {
        CandleSeries candles = new CandleSeries(new long[] {0, 300}, new double[] {1, 1}, new double[] {1, 1},
                new double[] {1, 1}, new double[] {1, 1}, new double[] {1, 1});
        BacktestResult result = new BacktestResult(new Range(0, 2), SHORT, List.of(), new double[] {10_000, 9_987.75},
                HOLD);
        JsonNode json = Json.MAPPER.valueToTree(JsonViews.backtest(result, candles, 100));
        assertEquals(Json.MAPPER.valueToTree(MetricsJson.of(HOLD)), json.get("buyAndHold"));
        assertEquals(-0.1225 - 0.8, json.get("excessReturnPct").asDouble());
    }
}
