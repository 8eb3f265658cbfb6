package io.strategyminer.miner;

import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.DatasetId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One work unit: an island of a search, i.e. one genetic-algorithm run (DESIGN §3).
 *
 * @param datasetId       the candles the unit mines
 * @param split           in-sample / out-of-sample split; fitness uses the in-sample part only
 * @param population      genomes per generation
 * @param generations     generations, the initial random one included (population × generations
 *                        evaluations at most)
 * @param risk            bounds every genome's position size and exits
 * @param objective       what the search maximises
 * @param minTrades       in-sample trades a genome needs to have a fitness at all
 * @param seed            the unit's seed; for unit {@code i} of a search, {@link #unitSeed(long, int)}
 * @param checkpointEvery a checkpoint every this many generations
 * @param backtest        fees, slippage and capital of every backtest
 * @param reported        how many of the best strategies (of pairwise different fitness) the report carries;
 *                        the first is the unit's result
 */
public record WorkUnitSpec(DatasetId datasetId, Split split, int population, int generations, RiskLevel risk,
                           Objective objective, int minTrades, long seed, int checkpointEvery,
                           BacktestConfig backtest, int reported) {
    /**
     * The version of the search algorithm (operators, rates, gene space, PRNG use). Part of the spec hash,
     * so a checkpoint written by a different algorithm is refused rather than resumed into a different run.
     * Bump it with any change that alters which genomes a seed produces or what a unit reports. sm-ga-3: fitness
     * from daily statistics (Sharpe and Sortino of daily returns), and the unit's trial statistics.
     */
    public static final String SEARCH_VERSION = "sm-ga-3";

    public static final int DEFAULT_CHECKPOINT_EVERY = 5;
    public static final int DEFAULT_REPORTED = 5;
    public static final int MAX_REPORTED = 50;

    public WorkUnitSpec {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(backtest, "backtest");
        // the search's own limits: a unit of any search the cluster accepted is a unit the miner runs
        SearchLimits.POPULATION.check(population);
        SearchLimits.GENERATIONS.check(generations);
        SearchLimits.checkUnitBacktests(population, generations);
        SearchLimits.MIN_TRADES.check(minTrades);
        check(checkpointEvery, 1, (int) SearchLimits.GENERATIONS.max(), "checkpoint interval");
        check(reported, 1, MAX_REPORTED, "reported strategies");
    }

    private static void check(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " outside [" + min + ", " + max + "]");
        }
    }

    /** A spec with every default and the given dataset and seed; adjust it with {@link #toBuilder()}. */
    public static Builder builder(DatasetId datasetId, long seed) {
        return new Builder(datasetId, seed);
    }

    public Builder toBuilder() {
        return new Builder(datasetId, seed).split(split).population(population).generations(generations).risk(risk)
                .objective(objective).minTrades(minTrades).checkpointEvery(checkpointEvery).backtest(backtest)
                .reported(reported);
    }

    /**
     * The seed of work unit {@code unitIndex} (0-based) of a search seeded with {@code searchSeed}: the
     * {@code unitIndex}-th output of SplitMix64 from the search seed, so units get unrelated streams.
     */
    public static long unitSeed(long searchSeed, int unitIndex) {
        if (unitIndex < 0) {
            throw new IllegalArgumentException("unit index must be ≥ 0, got " + unitIndex);
        }
        return SplitMix64.derive(searchSeed, unitIndex);
    }

    /**
     * SHA-256 (hex) over everything that determines the unit's result — every field except the
     * checkpoint interval, plus {@link #SEARCH_VERSION} and {@link EngineVersion#CURRENT} (the fitness cached in
     * a checkpoint is the engine's: under another engine it would be another search). A checkpoint carries it;
     * a checkpoint is only resumed under a spec with the same hash.
     */
    public String specHash() {
        return specHash(EngineVersion.CURRENT);
    }

    /** The spec hash this unit would have under engine {@code engineVersion}. */
    String specHash(String engineVersion) {
        String canonical = String.join("\n",
                "sm-work-unit/1",
                "search=" + SEARCH_VERSION,
                "engine=" + engineVersion,
                "dataset=" + datasetId.hex(),
                "split=" + split.inSamplePercent() + (split.isWalkForward()
                        ? "/" + split.window() + "of" + split.windows() + (split.anchored() ? "/anchored" : "")
                        : ""),
                "population=" + population,
                "generations=" + generations,
                "risk=" + risk.name(),
                "objective=" + objective.name(),
                "minTrades=" + minTrades,
                "seed=" + seed,
                "feePct=" + Long.toHexString(Double.doubleToLongBits(backtest.feePct())),
                "slippagePct=" + Long.toHexString(Double.doubleToLongBits(backtest.slippagePct())),
                "initialCapital=" + Long.toHexString(Double.doubleToLongBits(backtest.initialCapital())),
                "reported=" + reported);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Builds a {@link WorkUnitSpec}, starting from the defaults. */
    public static final class Builder {
        private final DatasetId datasetId;
        private long seed;
        private Split split = Split.DEFAULT;
        private int population = SearchLimits.POPULATION.defaultInt();
        private int generations = SearchLimits.GENERATIONS.defaultInt();
        private RiskLevel risk = SearchSpec.DEFAULT_RISK;
        private Objective objective = SearchSpec.DEFAULT_OBJECTIVE;
        private int minTrades = SearchLimits.MIN_TRADES.defaultInt();
        private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
        private BacktestConfig backtest = BacktestConfig.DEFAULT;
        private int reported = DEFAULT_REPORTED;

        private Builder(DatasetId datasetId, long seed) {
            this.datasetId = datasetId;
            this.seed = seed;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder split(Split value) {
            split = value;
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

        public Builder minTrades(int value) {
            minTrades = value;
            return this;
        }

        public Builder checkpointEvery(int value) {
            checkpointEvery = value;
            return this;
        }

        public Builder backtest(BacktestConfig value) {
            backtest = value;
            return this;
        }

        public Builder reported(int value) {
            reported = value;
            return this;
        }

        public WorkUnitSpec build() {
            return new WorkUnitSpec(datasetId, split, population, generations, risk, objective, minTrades, seed,
                    checkpointEvery, backtest, reported);
        }
    }
}
