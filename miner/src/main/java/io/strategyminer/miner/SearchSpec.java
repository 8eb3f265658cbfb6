package io.strategyminer.miner;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.DatasetId;
import java.util.Locale;

/**
 * Everything a search is (DESIGN §3), checked against the one table of limits, {@link SearchLimits}. The command
 * line, the HTTP API, the dashboard's form and the ledger all hold a search as this record, and each of its work
 * units is derived from it by {@link #workUnit(int)}, so whatever one of them accepts every peer can run.
 *
 * @param dataset          the candles searched
 * @param splitPercent     in-sample share of the candles; the rest is the holdout, which nothing that chooses reads
 * @param population       genomes per generation of each unit
 * @param generations      generations of each unit, the random first one included
 * @param risk             bounds of every genome's position size and exits
 * @param objective        what each unit's genetic algorithm maximises in-sample
 * @param minTrades        in-sample trades a genome needs to have a fitness at all
 * @param workUnits        independent islands, numbered 0 … workUnits-1
 * @param quorum           independent peers that must reproduce a result for it to be canonical
 * @param seed             the search's seed; unit {@code i} runs with {@link WorkUnitSpec#unitSeed(long, int)}
 * @param allowSameMachine whether peers on one machine count as independent (trying a cluster on one computer)
 * @param feePct           exchange fee per side, percent
 * @param slippagePct      slippage per side, percent
 * @param walkForward      1 for a single split; K &gt; 1 mines K walk-forward windows ({@link Split}), unit {@code i}
 *                         in window {@code i mod K}, each window's strategy checked on the segment after its training
 *                         part; {@code workUnits} must then be a multiple of K, so every window gets as many islands
 * @param anchored         whether a walk-forward's training parts all start at the first candle (else they roll)
 */
public record SearchSpec(DatasetId dataset, int splitPercent, int population, int generations, RiskLevel risk,
                         Objective objective, int minTrades, int workUnits, int quorum, long seed,
                         boolean allowSameMachine, double feePct, double slippagePct, int walkForward,
                         boolean anchored) {
    public static final RiskLevel DEFAULT_RISK = RiskLevel.MEDIUM;
    /** The objective when none is given, if the in-sample range is long enough for daily statistics ... */
    public static final Objective DEFAULT_OBJECTIVE = Objective.SHARPE;
    /** ... and when it is not: return over drawdown needs no daily returns. */
    public static final Objective SHORT_RANGE_OBJECTIVE = Objective.CALMAR;

    public SearchSpec {
        required("dataset", dataset);
        SearchLimits.SPLIT_PERCENT.check(splitPercent);
        SearchLimits.POPULATION.check(population);
        SearchLimits.GENERATIONS.check(generations);
        SearchLimits.checkUnitBacktests(population, generations);
        required("risk", risk);
        required("objective", objective);
        SearchLimits.MIN_TRADES.check(minTrades);
        SearchLimits.WORK_UNITS.check(workUnits);
        SearchLimits.QUORUM.check(quorum);
        SearchLimits.FEE_PCT.check(feePct);
        SearchLimits.SLIPPAGE_PCT.check(slippagePct);
        SearchLimits.WALK_FORWARD.check(walkForward);
        if (walkForward > 1) {
            if (splitPercent == 100) {
                throw new InvalidSearchException(SearchLimits.SPLIT_PERCENT.field(), "a walk-forward checks every"
                        + " window on the segment after it: the in-sample share must be below 100 %");
            }
            if (workUnits % walkForward != 0) {
                throw new InvalidSearchException(SearchLimits.WORK_UNITS.field(), String.format(Locale.ROOT,
                        "%d work units do not divide among %d walk-forward windows; use a multiple of %d (%d, %d, …)",
                        workUnits, walkForward, walkForward, walkForward, 2 * walkForward));
            }
        } else if (anchored) {
            throw new InvalidSearchException("anchored", "only a walk-forward (2 or more windows) can be anchored");
        }
    }

    public boolean isWalkForward() {
        return walkForward > 1;
    }

    /** The walk-forward window work unit {@code unit} mines (0 for a single split). */
    public int windowOf(int unit) {
        return unit % walkForward;
    }

    /** The split of window {@code window} (0 for a single split). */
    public Split split(int window) {
        return new Split(splitPercent, walkForward, window, anchored);
    }

    /** The split work unit {@code unit} mines and every verifier of its results re-runs. */
    public Split unitSplit(int unit) {
        return split(windowOf(unit));
    }

    /** Fees, slippage and starting capital of every backtest of the search. */
    public BacktestConfig costs() {
        return new BacktestConfig(feePct, slippagePct, BacktestConfig.DEFAULT.initialCapital());
    }

    /** What every peer runs, and verifies, for unit {@code unit} of this search. */
    public WorkUnitSpec workUnit(int unit) {
        if (unit < 0 || unit >= workUnits) {
            throw new IllegalArgumentException("unit " + unit + " outside the search's [0, " + workUnits + ")");
        }
        return WorkUnitSpec.builder(dataset, WorkUnitSpec.unitSeed(seed, unit)).split(unitSplit(unit)).population(population)
                .generations(generations).risk(risk).objective(objective).minTrades(minTrades).backtest(costs())
                .build();
    }

    /**
     * Refuses a search its dataset cannot serve: an objective built on daily statistics (Sharpe, Sortino) needs an
     * in-sample range of at least {@link Metrics#MIN_DAYS} days, else no genome could ever have a fitness and every
     * unit would fail. Judged from the candle count and timeframe, which a peer knows of every published dataset.
     *
     * @throws InvalidSearchException naming the field to change and what to change it to
     */
    public void checkFits(int candles, long timeframeSeconds) {
        // the first window's training part is the shortest (rolling ones are all as long)
        int inSampleCandles = split(0).inSample(candles).length();
        if (inSampleCandles < 2) {
            throw new InvalidSearchException(SearchLimits.SPLIT_PERCENT.field(), splitPercent + " % of " + candles
                    + " candles leaves " + inSampleCandles + " in-sample candle(s)" + (isWalkForward()
                    ? " in each of " + walkForward + " windows" : "") + "; a search needs at least 2");
        }
        if (isWalkForward() && split(0).outOfSample(candles).length() < 2) {
            throw new InvalidSearchException(SearchLimits.WALK_FORWARD.field(), String.format(Locale.ROOT,
                    "%d windows over %d candles leave test segments of %d candle(s); use fewer windows or a longer"
                            + " dataset", walkForward, candles, split(0).outOfSample(candles).length()));
        }
        double inSampleDays = inSampleDays(split(0), candles, timeframeSeconds);
        if (needsDailyStatistics(objective) && inSampleDays < Metrics.MIN_DAYS) {
            throw new InvalidSearchException("objective", String.format(Locale.ROOT,
                    "%s needs an in-sample range of at least %d days of daily returns, but %s of this dataset is"
                            + " %.1f days; choose objective pnl or calmar, or a longer dataset", objective.id(),
                    Metrics.MIN_DAYS, isWalkForward() ? "each window's " + splitPercent + " %" : splitPercent + " %",
                    inSampleDays));
        }
    }

    private static double inSampleDays(Split split, int candles, long timeframeSeconds) {
        return (double) split.inSample(candles).length() * timeframeSeconds / 86_400;
    }

    private static boolean needsDailyStatistics(Objective objective) {
        return objective == Objective.SHARPE || objective == Objective.SORTINO;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().dataset(dataset).splitPercent(splitPercent).population(population)
                .generations(generations).risk(risk).objective(objective).minTrades(minTrades).workUnits(workUnits)
                .quorum(quorum).seed(seed).allowSameMachine(allowSameMachine).feePct(feePct).slippagePct(slippagePct)
                .walkForward(walkForward).anchored(anchored);
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new InvalidSearchException(field, "required");
        }
    }

    /**
     * Collects a search's parameters, starting from the defaults of {@link SearchLimits}; {@link #build()} checks
     * them. The dataset and the seed have no default: whoever submits resolves the dataset reference and picks a
     * seed when none was given, so the stored search is always reproducible.
     */
    public static final class Builder {
        private DatasetId dataset;
        private Long seed;
        private int splitPercent = SearchLimits.SPLIT_PERCENT.defaultInt();
        private int population = SearchLimits.POPULATION.defaultInt();
        private int generations = SearchLimits.GENERATIONS.defaultInt();
        private RiskLevel risk = DEFAULT_RISK;
        /** Null until given: then chosen by the dataset's length ({@link #objectiveFor}), else the default. */
        private Objective objective;
        private int minTrades = SearchLimits.MIN_TRADES.defaultInt();
        /** Null until given: then one unit per walk-forward window, or the default for a single split. */
        private Integer workUnits;
        private int quorum = SearchLimits.QUORUM.defaultInt();
        private boolean allowSameMachine;
        private double feePct = SearchLimits.FEE_PCT.defaultValue();
        private double slippagePct = SearchLimits.SLIPPAGE_PCT.defaultValue();
        private int walkForward = SearchLimits.WALK_FORWARD.defaultInt();
        private boolean anchored;

        private Builder() {
        }

        public Builder dataset(DatasetId value) {
            dataset = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Whether a seed was given; if not, the submitter picks one before {@link #build()}. */
        public boolean hasSeed() {
            return seed != null;
        }

        public Builder splitPercent(int value) {
            splitPercent = value;
            return this;
        }

        public Builder population(int value) {
            population = value;
            return this;
        }

        public Builder generations(int value) {
            generations = value;
            return this;
        }

        public Builder risk(RiskLevel value) {
            risk = value;
            return this;
        }

        public Builder objective(Objective value) {
            objective = value;
            return this;
        }

        /**
         * Chooses the objective if none was given: {@link #DEFAULT_OBJECTIVE} when the in-sample part of a dataset of
         * {@code candles} candles of {@code timeframeSeconds} has at least {@link Metrics#MIN_DAYS} days (what daily
         * Sharpe needs; a walk-forward's shortest training part), else {@link #SHORT_RANGE_OBJECTIVE}. The stored
         * search always names the one chosen.
         */
        public Builder objectiveFor(int candles, long timeframeSeconds) {
            if (objective == null) {
                SearchLimits.SPLIT_PERCENT.check(splitPercent);
                boolean windows = SearchLimits.WALK_FORWARD.check(walkForward) > 1 && splitPercent < 100;
                Split first = windows ? new Split(splitPercent, walkForward, 0, anchored) : new Split(splitPercent);
                objective = inSampleDays(first, candles, timeframeSeconds) >= Metrics.MIN_DAYS
                        ? DEFAULT_OBJECTIVE : SHORT_RANGE_OBJECTIVE;
            }
            return this;
        }

        public Builder minTrades(int value) {
            minTrades = value;
            return this;
        }

        public Builder workUnits(int value) {
            workUnits = value;
            return this;
        }

        public Builder quorum(int value) {
            quorum = value;
            return this;
        }

        public Builder allowSameMachine(boolean value) {
            allowSameMachine = value;
            return this;
        }

        public Builder feePct(double value) {
            feePct = value;
            return this;
        }

        public Builder slippagePct(double value) {
            slippagePct = value;
            return this;
        }

        public Builder walkForward(int value) {
            walkForward = value;
            return this;
        }

        public Builder anchored(boolean value) {
            anchored = value;
            return this;
        }

        /** The checked search; {@link InvalidSearchException} names the first parameter refused. */
        public SearchSpec build() {
            if (seed == null) {
                throw new InvalidSearchException("seed", "required (the submitting peer picks one when none is given)");
            }
            return new SearchSpec(dataset, splitPercent, population, generations, risk,
                    objective != null ? objective : DEFAULT_OBJECTIVE, minTrades,
                    workUnits != null ? workUnits : walkForward > 1 ? walkForward : SearchLimits.WORK_UNITS.defaultInt(),
                    quorum, seed,
                    allowSameMachine, feePct, slippagePct, walkForward, anchored);
        }
    }
}
