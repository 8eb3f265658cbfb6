package io.strategyminer.miner;

/**
 * Asks a running work unit to stop. The runner checks it before every single evaluation, so a
 * cancelled unit stops within one backtest per thread, not at the end of a generation.
 */
public final class CancellationToken {
    private volatile boolean cancelled;

    /** A token nobody holds a reference to cancel: the run goes to its end. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
