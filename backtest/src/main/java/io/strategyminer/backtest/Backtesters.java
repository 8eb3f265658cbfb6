package io.strategyminer.backtest;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The backtesters of one process: one per dataset, shared by everything that backtests on it (a peer's work units,
 * its verifications and its pages), the most recently used {@value #DATASETS} kept, each with one cache budget for
 * its indicators and signals. A budget per dataset in use, not one per unit or per page, is what keeps a peer's
 * memory bounded whatever it runs (at most {@value #DATASETS} budgets while work on two datasets overlaps, one
 * otherwise); a backtester is thread-safe and its cache does not depend on costs ({@link Backtester#withConfig}), so
 * sharing changes no result.
 */
public final class Backtesters {
    /** Datasets whose backtesters are kept: a peer mining one search while showing or verifying another. */
    public static final int DATASETS = 2;

    /** Loads a dataset the first time it is needed (from disk, or from other peers). */
    @FunctionalInterface
    public interface Loader {
        Dataset load(DatasetId id) throws IOException;
    }

    private final long budgetBytes;
    /** Access order: the eldest is the least recently used. */
    private final Map<DatasetId, Backtester> recent = new LinkedHashMap<>(4, 0.75f, true);

    /** Backtesters whose caches each stay within {@code budgetBytes}. */
    public Backtesters(long budgetBytes) {
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("a cache budget of " + budgetBytes + " bytes is too small");
        }
        this.budgetBytes = budgetBytes;
    }

    /**
     * A budget of a quarter of the heap this JVM may use, at most the engine's default ({@link
     * Backtester#DEFAULT_CACHE_BYTES}): the heap size (-Xmx, set by the launcher) is the one setting that bounds a
     * peer's memory, and the caches follow it. The cache is most of a search's speed (peer/docs/measurements.md), so
     * it takes as much of the heap as can be spared.
     */
    public static Backtesters forHeap() {
        return new Backtesters(Math.min(Backtester.DEFAULT_CACHE_BYTES, Runtime.getRuntime().maxMemory() / 4));
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /**
     * The backtester of dataset {@code id} with {@code costs}; {@code loader} runs only when this dataset's backtester
     * is not kept (outside the lock: fetching a dataset from other peers must not hold up the others).
     */
    public Backtester of(DatasetId id, BacktestConfig costs, Loader loader) throws IOException {
        synchronized (this) {
            Backtester kept = recent.get(id);
            if (kept != null) {
                return kept.withConfig(costs);
            }
        }
        Dataset dataset = loader.load(id);
        if (!dataset.id().equals(id)) {
            throw new IllegalArgumentException("asked for dataset " + id.shortHex() + ", loaded " + dataset.id().shortHex());
        }
        synchronized (this) {
            Backtester kept = recent.computeIfAbsent(id,
                    any -> new Backtester(dataset, BacktestConfig.DEFAULT, budgetBytes));
            for (Iterator<DatasetId> eldest = recent.keySet().iterator(); recent.size() > DATASETS; ) {
                eldest.next();
                eldest.remove();
            }
            return kept.withConfig(costs);
        }
    }
}
