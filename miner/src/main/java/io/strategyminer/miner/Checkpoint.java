package io.strategyminer.miner;

import java.util.Objects;

/**
 * The complete state of a work unit between two generations, which resumes it — on this peer or on
 * another one — exactly where it stopped: the resumed run's report is bit-identical to the report of a
 * run that was never interrupted. Its bytes ({@link #toBytes()}, format in {@link CheckpointCodec}) are
 * what goes into the ledger.
 */
public final class Checkpoint {
    private final String specHash;
    private final SearchState state;

    Checkpoint(String specHash, SearchState state) {
        this.specHash = Objects.requireNonNull(specHash, "specHash");
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The compact, checksummed binary form. */
    public byte[] toBytes() {
        return CheckpointCodec.encode(this);
    }

    /**
     * Reads a checkpoint.
     *
     * @throws InvalidCheckpointException if the bytes are corrupt, truncated or of an unknown format version
     */
    public static Checkpoint fromBytes(byte[] bytes) {
        return CheckpointCodec.decode(bytes);
    }

    /** {@link WorkUnitSpec#specHash()} of the unit it belongs to. */
    public String specHash() {
        return specHash;
    }

    /** Generations completed when it was taken. */
    public int generation() {
        return state.generation();
    }

    /** Fitness evaluations (backtests) performed when it was taken. */
    public long evaluations() {
        return state.evaluations();
    }

    /** Best fitness found when it was taken. */
    public Fitness bestFitness() {
        return state.best().fitness();
    }

    SearchState state() {
        return state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint other && specHash.equals(other.specHash) && state.equals(other.state);
    }

    @Override
    public int hashCode() {
        return 31 * specHash.hashCode() + state.hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint[unit " + specHash.substring(0, 12) + ", generation " + generation() + "]";
    }
}
