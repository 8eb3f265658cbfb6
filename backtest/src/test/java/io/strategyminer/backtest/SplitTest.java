package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Where a split puts its boundaries: a single split as it always did, walk-forward windows that tile the data. */
class SplitTest {

    @Test
    void aSingleSplitKeepsItsBoundary() {
        Split split = new Split(70);
        assertEquals(new Range(0, 1341), split.inSample(1917));
        assertEquals(new Range(1341, 1917), split.outOfSample(1917));
        assertEquals("70 %", split.describe());
    }

    @Test
    void rollingWindowsSlideByOneTestSegmentAndAnchoredOnesGrow() {
        // 1,000 candles, 4 windows at 75 %: test segments of 1000·25/(75 + 4·25) = 142, a first training of 432
        Split first = Split.walkForward(75, 4, 0, false);
        assertEquals(new Range(0, 432), first.inSample(1000));
        assertEquals(new Range(432, 574), first.outOfSample(1000));
        Split last = Split.walkForward(75, 4, 3, false);
        assertEquals(new Range(426, 858), last.inSample(1000));
        assertEquals(new Range(858, 1000), last.outOfSample(1000));
        Split anchored = Split.walkForward(75, 4, 3, true);
        assertEquals(new Range(0, 858), anchored.inSample(1000));
        assertEquals(new Range(858, 1000), anchored.outOfSample(1000));
        assertEquals(new Range(432, 1000), first.stitchedOutOfSample(1000));
        assertEquals("window 4 of 4 (anchored, 75 %)", anchored.describe());
    }

    @Property(tries = 2_000)
    void windowsTileTheDataAndNeverTestOnWhatTheyTrainedOn(@ForAll @IntRange(min = 10, max = 99) int percent,
                                                          @ForAll @IntRange(min = 2, max = 50) int windows,
                                                          @ForAll @IntRange(min = 0, max = 2_000_000) int candles,
                                                          @ForAll boolean anchored) {
        int next = Split.walkForward(percent, windows, 0, anchored).stitchedOutOfSample(candles).from();
        int trainingLength = -1;
        for (int w = 0; w < windows; w++) {
            Split split = Split.walkForward(percent, windows, w, anchored);
            Range training = split.inSample(candles);
            Range test = split.outOfSample(candles);
            assertEquals(next, test.from(), "test segments follow each other");
            assertEquals(training.to(), test.from(), "each window is checked right after its training part");
            assertEquals(anchored ? 0 : w * test.length(), training.from());
            if (!anchored) {
                assertTrue(trainingLength < 0 || training.length() == trainingLength, "rolling windows keep a length");
                trainingLength = training.length();
            }
            next = test.to();
        }
        assertEquals(candles, next, "the last test segment ends at the last candle");
    }

    @Test
    void refusesWindowsItCannotCut() {
        assertThrows(IllegalArgumentException.class, () -> Split.walkForward(100, 3, 0, false));
        assertThrows(IllegalArgumentException.class, () -> Split.walkForward(70, 3, 3, false));
        assertThrows(IllegalArgumentException.class, () -> Split.walkForward(70, Split.MAX_WINDOWS + 1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new Split(70, 1, 0, true));
    }
}
