package io.strategyminer.peer.cli;

import picocli.CommandLine.Option;

/** {@code --threads N}: how many threads run backtests; one per core unless told otherwise. */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "Threads running backtests (default: one per core).")
    Integer threads;

    /** The chosen count, validated. */
    public int count() {
        int count = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (count < 1 || count > 1024) {
            throw new IllegalArgumentException("--threads must be between 1 and 1024, got " + count);
        }
        return count;
    }
}
