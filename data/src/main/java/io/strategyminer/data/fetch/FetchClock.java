package io.strategyminer.data.fetch;

/**
 * The fetcher's sense of elapsed time, for pacing and backoff. Injected so that tests can check the
 * pacing without really waiting.
 */
public interface FetchClock {
    /** A monotonic time in milliseconds (any origin). */
    long millis();

    /** Waits about this long. */
    void sleep(long millis) throws InterruptedException;

    /** Real time: {@link System#nanoTime()} and {@link Thread#sleep(long)}. */
    static FetchClock system() {
        return new FetchClock() {
            @Override
            public long millis() {
                return System.nanoTime() / 1_000_000;
            }

            @Override
            public void sleep(long millis) throws InterruptedException {
                Thread.sleep(millis);
            }
        };
    }
}
