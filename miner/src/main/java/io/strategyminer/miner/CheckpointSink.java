package io.strategyminer.miner;

/**
 * Where a running work unit delivers its checkpoints: every {@link WorkUnitSpec#checkpointEvery()}
 * generations, whenever {@link #wantsCheckpointNow()} says so, and once more when the unit is
 * cancelled after completing a generation not yet checkpointed (so stopping loses no finished work).
 * Called on the thread that runs the unit.
 */
public interface CheckpointSink {
    /** Discards checkpoints. */
    CheckpointSink NONE = checkpoint -> { };

    void save(Checkpoint checkpoint);

    /**
     * Polled after every generation: true asks for a checkpoint of that generation now, off schedule
     * (e.g. because the machine is about to sleep).
     */
    default boolean wantsCheckpointNow() {
        return false;
    }
}
