package io.strategyminer.miner;

import io.strategyminer.backtest.Split;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * The one table of a search's numeric limits and defaults (DESIGN §3). The command line's options, the HTTP API,
 * the dashboard's form, the ledger's {@code SearchSubmitted} and the work unit all check against these and nothing
 * else, so a value one of them accepts is a value every other one runs.
 */
public final class SearchLimits {
    public static final Limit SPLIT_PERCENT = new Limit("splitPercent", "--split", 10, 100, 70, true,
            "in-sample share of the candles, percent (the rest is the holdout)");
    public static final Limit POPULATION = new Limit("population", "--population", 4, 10_000, 40, true,
            "genomes per generation of each work unit");
    public static final Limit GENERATIONS = new Limit("generations", "--generations", 1, 100_000, 30, true,
            "generations of each work unit, the random first one included");
    /** About one trade a week on 70 % of 104 days of 5-minute candles: fewer is anecdote, not a strategy. */
    public static final Limit MIN_TRADES = new Limit("minTrades", "--min-trades", 0, 1_000_000, 10, true,
            "in-sample trades a strategy needs to count at all");
    public static final Limit WORK_UNITS = new Limit("workUnits", "--work-units", 1, 100_000, 4, true,
            "independent genetic searches (own seeds) spread over the peers");
    public static final Limit QUORUM = new Limit("quorum", "--quorum", 1, 64, 2, true,
            "independent peers whose re-runs must agree for a strategy to be canonical");
    public static final Limit FEE_PCT = new Limit("feePct", "--fee", 0, 5, 0.10, false,
            "exchange fee per side, percent of the traded notional");
    public static final Limit SLIPPAGE_PCT = new Limit("slippagePct", "--slippage", 0, 5, 0.05, false,
            "adverse price move per side, percent of the fill price");
    /** 1 is a single split; more windows than {@link Split#MAX_WINDOWS} would leave test segments of a few candles. */
    public static final Limit WALK_FORWARD = new Limit("walkForward", "--walk-forward", 1, Split.MAX_WINDOWS, 1, true,
            "walk-forward windows, each trained on its in-sample share and checked on the segment after it (1: a"
                    + " single split with a holdout)");

    /**
     * Most backtests one work unit may run, population × generations: a unit is one lease on one slot of one peer,
     * so a search that wants more work should ask for more units, which the cluster spreads over its peers.
     */
    public static final long MAX_UNIT_BACKTESTS = 1_000_000;

    /** Every numeric limit, in the order the API lists them. */
    public static final List<Limit> ALL = List.of(SPLIT_PERCENT, POPULATION, GENERATIONS, MIN_TRADES, WORK_UNITS,
            QUORUM, FEE_PCT, SLIPPAGE_PCT, WALK_FORWARD);

    private SearchLimits() {
    }

    /**
     * Refuses a unit of more than {@link #MAX_UNIT_BACKTESTS} backtests, naming the generations (the parameter to
     * lower first: a big population is what makes a search broad).
     */
    static void checkUnitBacktests(int population, int generations) {
        long backtests = (long) population * generations;
        if (backtests > MAX_UNIT_BACKTESTS) {
            throw new InvalidSearchException(GENERATIONS.field(), String.format(Locale.ROOT,
                    "population %,d × generations %,d = %,d backtests per work unit, more than %,d; use fewer"
                            + " generations or more work units", population, generations, backtests,
                    MAX_UNIT_BACKTESTS));
        }
    }

    /**
     * A numeric search parameter.
     *
     * @param field        its name in JSON (HTTP API, ledger)
     * @param option       its command-line option
     * @param min          smallest accepted value, inclusive
     * @param max          largest accepted value, inclusive
     * @param defaultValue the value when it is not given
     * @param whole        whether only whole numbers are accepted
     * @param meaning      what it sets, for help texts and the form
     */
    public record Limit(String field, String option, double min, double max, double defaultValue, boolean whole,
                        String meaning) {

        /** {@code value} if it lies within the limits, else an {@link InvalidSearchException} naming this field. */
        public int check(int value) {
            if (value < min || value > max) {
                throw new InvalidSearchException(field, value + " is outside " + range(), this);
            }
            return value;
        }

        /** {@code value} if it is finite and within the limits, else an {@link InvalidSearchException}. */
        public double check(double value) {
            if (!(value >= min && value <= max)) { // also refuses NaN
                throw new InvalidSearchException(field, format(value) + " is outside " + range(), this);
            }
            return value;
        }

        public int defaultInt() {
            return (int) defaultValue;
        }

        /** "4–10,000", the limits as people read them. */
        public String range() {
            return format(min) + "–" + format(max);
        }

        private static String format(double value) {
            return new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
        }
    }
}
