package io.strategyminer.data.fetch;

/** Told after each page of a fetch (pages restored from an interrupted run count as done at once). */
@FunctionalInterface
public interface FetchProgress {
    void update(int pagesDone, int pagesTotal, long candles);

    FetchProgress NONE = (done, total, candles) -> { };
}
