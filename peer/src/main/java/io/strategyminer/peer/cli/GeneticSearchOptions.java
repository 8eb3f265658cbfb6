package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.miner.SearchLimits;
import io.strategyminer.miner.SearchSpec;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The options of a genetic search, the same for {@code mine} (run here) and {@code submit} (run by the cluster):
 * split, population, generations, risk, objective, minimum trades, costs and seed. Their names, limits and defaults
 * are those of {@link SearchLimits} (the command sets {@link SearchDefaults} as its default provider). Use it as a
 * picocli mixin: {@code @Mixin GeneticSearchOptions search;}.
 */
final class GeneticSearchOptions {
    static final String RISK = "--risk";

    @Option(names = "--split", paramLabel = "PCT",
            description = "In-sample share of the candles, percent; the rest is the holdout, which no choice reads"
                    + " (default: ${DEFAULT-VALUE}).")
    int split;

    @Option(names = "--population", paramLabel = "N", description = "Genomes per generation (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--generations", paramLabel = "N",
            description = "Generations of each work unit, the random first one included (default: ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = RISK, paramLabel = "LEVEL", converter = RiskConverter.class,
            description = "LOW, MEDIUM or HIGH: bounds on position size and stops (default: ${DEFAULT-VALUE}).")
    RiskLevel risk;

    @Option(names = "--objective", paramLabel = "NAME", converter = ObjectiveConverter.class,
            description = "What to maximise in-sample: pnl, sharpe, sortino or calmar. Sharpe and Sortino come from"
                    + " daily returns and need 30+ in-sample days (default: sharpe, or calmar on a shorter range).")
    Objective objective;

    @Option(names = "--min-trades", paramLabel = "N",
            description = "In-sample trades a strategy needs to count at all (default: ${DEFAULT-VALUE}).")
    int minTrades;

    @Option(names = "--fee", paramLabel = "PCT",
            description = "Exchange fee per side, percent of the traded notional (default: ${DEFAULT-VALUE}).")
    double fee;

    @Option(names = "--slippage", paramLabel = "PCT",
            description = "Adverse price move per side, percent (default: ${DEFAULT-VALUE}).")
    double slippage;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the search; the same seed gives the same strategies and digests on any machine"
                    + " (default: a fresh random seed, shown with the results).")
    Long seed;

    /** These options as fields of a search submission (POST /api/searches), under the table's names. */
    void writeTo(ObjectNode body) {
        body.put(SearchLimits.SPLIT_PERCENT.field(), split)
                .put(SearchLimits.POPULATION.field(), population)
                .put(SearchLimits.GENERATIONS.field(), generations)
                .put("risk", risk.name())
                .put(SearchLimits.MIN_TRADES.field(), minTrades)
                .put(SearchLimits.FEE_PCT.field(), fee)
                .put(SearchLimits.SLIPPAGE_PCT.field(), slippage);
        if (objective != null) {
            body.put("objective", objective.id());
        }
        if (seed != null) {
            body.put("seed", seed);
        }
    }

    /** These options as a search spec (checked against the table), for a search run on this machine. */
    SearchSpec.Builder toBuilder() {
        SearchSpec.Builder builder = SearchSpec.builder().splitPercent(split).population(population)
                .generations(generations).risk(risk).objective(objective).minTrades(minTrades).feePct(fee)
                .slippagePct(slippage);
        if (seed != null) {
            builder.seed(seed);
        }
        return builder;
    }

    /** LOW, MEDIUM, HIGH in any case. */
    static final class RiskConverter implements ITypeConverter<RiskLevel> {
        @Override
        public RiskLevel convert(String value) {
            for (RiskLevel level : RiskLevel.values()) {
                if (level.name().equalsIgnoreCase(value.trim())) {
                    return level;
                }
            }
            throw new IllegalArgumentException("unknown risk level '" + value + "'; use one of "
                    + Arrays.toString(RiskLevel.values()).toLowerCase(Locale.ROOT));
        }
    }

    static final class ObjectiveConverter implements ITypeConverter<Objective> {
        @Override
        public Objective convert(String value) {
            return Objective.parse(value);
        }
    }
}
