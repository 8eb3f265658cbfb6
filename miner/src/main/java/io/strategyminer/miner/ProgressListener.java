package io.strategyminer.miner;

/** Told about every finished generation, on the thread that runs the work unit. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = summary -> { };

    void onGeneration(GenerationSummary summary);
}
