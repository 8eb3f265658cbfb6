package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One backtester per dataset for a whole process, the most recently used kept, loaded only when not kept. */
class BacktestersTest {
    private static final Dataset A = slice(0, 2_000);
    private static final Dataset B = slice(2_000, 4_000);
    private static final Dataset C = slice(4_000, 6_000);
    private static final Map<DatasetId, Dataset> ALL = Map.of(A.id(), A, B.id(), B, C.id(), C);

    private static Dataset slice(int from, int to) {
        Dataset d = SharedData.btc2011();
        return Dataset.of("slice " + from, d.symbol(), d.timeframeSeconds(), d.candles().slice(from, to));
    }

    private final List<DatasetId> loads = new ArrayList<>();

    private Dataset load(DatasetId id) {
        loads.add(id);
        return ALL.get(id);
    }

    @Test
    void aDatasetIsLoadedOnceAndEveryCostSharesItsBacktester() throws Exception {
        Backtesters backtesters = new Backtesters(8L << 20);
        BacktestConfig cheap = new BacktestConfig(0.05, 0.01, 10_000);
        Backtester first = backtesters.of(A.id(), BacktestConfig.DEFAULT, this::load);
        Backtester second = backtesters.of(A.id(), cheap, this::load);
        assertEquals(List.of(A.id()), loads);
        assertSame(first.dataset(), second.dataset(), "the same candles, and the same caches");
        assertEquals(cheap, second.config());
        Range range = new Range(0, A.size());
        assertEquals(new Backtester(A, cheap).buyAndHold(range), second.buyAndHold(range), "with its own costs");
    }

    @Test
    void theLeastRecentlyUsedDatasetIsDroppedBeyondTwo() throws Exception {
        Backtesters backtesters = new Backtesters(8L << 20);
        backtesters.of(A.id(), BacktestConfig.DEFAULT, this::load);
        backtesters.of(B.id(), BacktestConfig.DEFAULT, this::load);
        backtesters.of(A.id(), BacktestConfig.DEFAULT, this::load); // A is now the most recent
        backtesters.of(C.id(), BacktestConfig.DEFAULT, this::load); // drops B
        backtesters.of(A.id(), BacktestConfig.DEFAULT, this::load);
        backtesters.of(B.id(), BacktestConfig.DEFAULT, this::load);
        assertEquals(List.of(A.id(), B.id(), C.id(), B.id()), loads);
    }

    @Test
    void aLoaderThatAnswersWithOtherCandlesIsRefused() {
        Backtesters backtesters = new Backtesters(8L << 20);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> backtesters.of(A.id(), BacktestConfig.DEFAULT, id -> B));
        assertEquals("asked for dataset " + A.id().shortHex() + ", loaded " + B.id().shortHex(), wrong.getMessage());
    }
}
