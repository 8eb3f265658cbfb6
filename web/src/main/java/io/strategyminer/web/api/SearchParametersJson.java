package io.strategyminer.web.api;

/**
 * A search's parameters under the names a submission uses ({@code POST /api/searches}, the fields of
 * {@code SearchLimits} and the choices beside them), the dataset as its id.
 *
 * @param seed as decimal text: a 64-bit seed does not survive a JavaScript number (53 bits); submissions take either
 */
public record SearchParametersJson(String dataset, int splitPercent, int population, int generations, String risk,
                                   String objective, int minTrades, int workUnits, int quorum, double feePct,
                                   double slippagePct, String seed, boolean allowSameMachine, int walkForward,
                                   boolean anchored) {
}
