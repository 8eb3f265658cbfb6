package io.strategyminer.peer.cli;

import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.miner.WorkUnitSpec;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The options of a genetic search, the same for {@code mine} (run here) and {@code submit} (run by the cluster):
 * population, generations, risk, objective, minimum trades and seed, with the miner's defaults. Use it as a
 * picocli mixin: {@code @Mixin GeneticSearchOptions search;}.
 */
final class GeneticSearchOptions {
    @Option(names = "--population", paramLabel = "N", defaultValue = "" + WorkUnitSpec.DEFAULT_POPULATION,
            description = "Genomes per generation (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--generations", paramLabel = "N", defaultValue = "" + WorkUnitSpec.DEFAULT_GENERATIONS,
            description = "Generations of each work unit, the random first one included (default: ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--risk", paramLabel = "LEVEL", defaultValue = "MEDIUM", converter = RiskConverter.class,
            description = "LOW, MEDIUM or HIGH: bounds on position size and stops (default: ${DEFAULT-VALUE}).")
    RiskLevel risk;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "sharpe", converter = ObjectiveConverter.class,
            description = "What to maximise in-sample: pnl, sharpe, sortino or calmar (default: ${DEFAULT-VALUE}).")
    Objective objective;

    @Option(names = "--min-trades", paramLabel = "N", defaultValue = "" + WorkUnitSpec.DEFAULT_MIN_TRADES,
            description = "In-sample trades a strategy needs to count at all (default: ${DEFAULT-VALUE}).")
    int minTrades;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the search; the same seed gives the same strategies and digests on any machine"
                    + " (default: a fresh random seed, shown with the results).")
    Long seed;

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
                    + Arrays.toString(RiskLevel.values()));
        }
    }

    static final class ObjectiveConverter implements ITypeConverter<Objective> {
        @Override
        public Objective convert(String value) {
            return Objective.parse(value);
        }
    }
}
