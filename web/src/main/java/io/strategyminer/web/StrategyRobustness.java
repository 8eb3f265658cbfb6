package io.strategyminer.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Range;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.miner.robustness.Robustness;
import io.strategyminer.miner.robustness.RobustnessAnalysis;

/**
 * The robustness figures of canonical strategies, computed on demand (about 0.1 s on 20,000 candles: a thousand
 * random-entry backtests and a few dozen neighbours) and kept, bounded, since a canonical result never changes.
 * Seeded from the reported digest, so every peer that reproduced the strategy shows the same figures.
 *
 * <p>A Caffeine cache bounded by weight (an estimate of each entry's bytes): requests for one strategy at once compute
 * its figures once, the others wait; eviction runs on the calling thread, never on a pool of its own.
 */
final class StrategyRobustness {
    /** About 300 strategies' figures (a fan of 101 points for each Monte Carlo, a few dozen neighbours). */
    private static final long CACHE_BYTES = 8L << 20;

    private final Cache<String, Robustness> cache = Caffeine.newBuilder()
            .maximumWeight(CACHE_BYTES)
            .weigher((String key, Robustness r) -> (int) Math.min(Integer.MAX_VALUE, 4_096L
                    + 200L * r.neighbourhood().count()
                    + 40L * (r.reshuffled().fan().size() + r.bootstrapped().fan().size())))
            .executor(Runnable::run)
            .build();

    /**
     * The figures of {@code strategy} on its in-sample range. The key is the strategy and its digest: a report
     * names one genome and one result, so its figures never change.
     */
    Robustness of(StrategyView strategy, Backtester backtester, Range inSample) {
        String digest = strategy.report().digest().hex();
        return cache.get(strategy.id() + "/" + digest, key -> RobustnessAnalysis.analyse(backtester,
                strategy.report().genome(), inSample, RobustnessAnalysis.seedOf(digest),
                RobustnessAnalysis.Runs.DEFAULT));
    }
}
