package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.stats.SharpeSignificance;
import io.strategyminer.miner.DeflatedSharpeRanking;

/**
 * The JSON of a strategy's significance, the same wherever it is shown: the API's strategies and the command
 * line's {@code mine --json} (which has its unit's N instead of a search's).
 */
public final class SignificanceJson {
    private SignificanceJson() {
    }

    /**
     * How likely the strategy's in-sample Sharpe ratio is more than luck, on in-sample data only: the probabilistic
     * Sharpe ratio (PSR, against 0) and the deflated one (DSR, against the best of {@code trials} by luck,
     * {@link DeflatedSharpeRanking#trials}),
     * Bailey &amp; López de Prado; {@code luckSharpe} is that bar, annualised like {@code sharpe}. Undefined figures
     * are null, with the reason.
     */
    public static ObjectNode of(Metrics inSample, long trials) {
        ObjectNode node = Json.object();
        JsonViews.putDefined(node, "deflatedSharpe", DeflatedSharpeRanking.deflatedSharpe(inSample, trials));
        JsonViews.putDefined(node, "probabilisticSharpe", SharpeSignificance.probabilistic(inSample));
        JsonViews.putDefined(node, "luckSharpe", DeflatedSharpeRanking.expectedMaximumSharpe(inSample.days(), trials)
                * Metrics.ANNUALISE);
        node.put("trials", trials).put("days", inSample.days());
        if (inSample.days() < Metrics.MIN_DAYS) {
            node.put("undefined", "the in-sample range has " + inSample.days() + " daily returns; these need "
                    + Metrics.MIN_DAYS);
        } else if (!inSample.hasDailyStatistics()) {
            node.put("undefined", "the in-sample daily returns do not vary");
        } else {
            node.putNull("undefined");
        }
        return node;
    }
}
