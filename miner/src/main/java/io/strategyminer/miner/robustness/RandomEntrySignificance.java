package io.strategyminer.miner.robustness;

/**
 * The strategy's entry rule against chance: its exits and size with entries at random candles.
 *
 * @param draws             random entry schedules backtested
 * @param entries           entries per schedule: the strategy's own in-sample trade count
 * @param strategyReturnPct the strategy's in-sample return
 * @param atLeastAsGood     schedules whose return was at least the strategy's
 * @param pValue            (1 + atLeastAsGood) / (1 + draws): the chance that random entries do as well, in (0, 1]
 * @param randomReturnPct   percentiles of the random schedules' returns
 */
public record RandomEntrySignificance(int draws, int entries, double strategyReturnPct, int atLeastAsGood,
                                      double pValue, Percentiles randomReturnPct) {
}
