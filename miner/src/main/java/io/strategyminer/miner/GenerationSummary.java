package io.strategyminer.miner;

/**
 * What a finished generation looked like, for progress displays.
 *
 * @param generation      generations completed so far (1 after the initial population)
 * @param generations     generations in the work unit
 * @param best            best fitness found so far (never decreases)
 * @param generationBest  best fitness in this generation's population
 * @param qualified       genomes of this generation that reached the minimum number of trades
 * @param evaluated       genomes evaluated in this generation (the rest were known from the previous one)
 * @param evaluations     genomes evaluated since the start of the work unit, including before a resume
 */
public record GenerationSummary(int generation, int generations, Fitness best, Fitness generationBest,
                                int qualified, int evaluated, long evaluations) {
}
