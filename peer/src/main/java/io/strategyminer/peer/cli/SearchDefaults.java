package io.strategyminer.peer.cli;

import io.strategyminer.miner.SearchLimits;
import io.strategyminer.miner.SearchLimits.Limit;
import io.strategyminer.miner.SearchSpec;
import java.math.BigDecimal;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the search options ({@code --population}, {@code --fee}, {@code --risk} …) come from the one table
 * of search limits, not from annotation strings: {@code mine} and {@code submit} therefore default to exactly what
 * the peers' API defaults to.
 */
final class SearchDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName();
        for (Limit limit : SearchLimits.ALL) {
            if (limit.option().equals(name)) {
                return limit.whole() ? Integer.toString(limit.defaultInt())
                        : BigDecimal.valueOf(limit.defaultValue()).stripTrailingZeros().toPlainString();
            }
        }
        // --objective has none: without it, the dataset's length chooses (SearchSpec.Builder.objectiveFor)
        return name.equals(GeneticSearchOptions.RISK) ? SearchSpec.DEFAULT_RISK.name() : null;
    }
}
