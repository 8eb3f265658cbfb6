package io.strategyminer.miner;

/** A checkpoint that cannot be resumed: corrupt, truncated, of another format version or of another work unit. */
public final class InvalidCheckpointException extends IllegalArgumentException {
    public InvalidCheckpointException(String message) {
        super(message);
    }

    public InvalidCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
