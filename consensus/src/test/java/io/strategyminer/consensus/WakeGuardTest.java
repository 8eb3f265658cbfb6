package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A suspended peer stops its units and takes no work until it is back among the others. */
class WakeGuardTest {
    private static final long SECOND = 1_000_000_000L;
    private final WakeGuard guard = new WakeGuard(Duration.ofSeconds(15), Duration.ofSeconds(40));

    @Test
    void ticksAFewSecondsApartAreNoNap() {
        for (long t = 0; t < 100; t++) {
            assertFalse(guard.tick(t * SECOND));
            assertFalse(guard.catchingUp(t * SECOND + SECOND / 2));
        }
        assertFalse(guard.tick(114 * SECOND), "15 s without a tick is not yet longer than the others wait");
    }

    @Test
    void aNapLongerThanTheSilenceTimeoutStopsWorkUntilTheNextViewChange() {
        guard.tick(0);
        assertTrue(guard.tick(40 * SECOND), "a 40 s gap between ticks: the peer was suspended");
        assertFalse(guard.tick(41 * SECOND), "reported once");
        assertTrue(guard.catchingUp(42 * SECOND));
        guard.viewChanged(); // the merge that brings it back
        assertFalse(guard.catchingUp(43 * SECOND));
    }

    @Test
    void aWorkerSlotThatWakesBeforeTheTickSeesTheNapFirstAndTheTickStillStopsTheUnits() {
        guard.tick(0);
        assertTrue(guard.catchingUp(40 * SECOND), "a slot about to publish a checkpoint right after the wake");
        assertTrue(guard.tick(40 * SECOND + SECOND / 10), "the tick after it still tells the peer to stop its units");
        assertFalse(guard.tick(41 * SECOND));
        assertTrue(guard.catchingUp(41 * SECOND));
    }

    @Test
    void withoutAMergeTheNapIsForgottenAfterThePatience() {
        guard.tick(0);
        assertTrue(guard.tick(20 * SECOND));
        for (long t = 21; t <= 60; t++) {
            guard.tick(t * SECOND);
            assertTrue(guard.catchingUp(t * SECOND), "nobody noticed the nap yet at " + t + " s");
        }
        guard.tick(61 * SECOND);
        assertFalse(guard.catchingUp(61 * SECOND), "no merge will come: work again");
    }

    @Test
    void aSecondNapIsSeenToo() {
        guard.tick(0);
        assertTrue(guard.tick(30 * SECOND));
        assertTrue(guard.tick(60 * SECOND), "suspended again right after waking");
        guard.viewChanged();
        assertFalse(guard.catchingUp(61 * SECOND));
        guard.tick(62 * SECOND);
        assertTrue(guard.catchingUp(90 * SECOND), "and a third time, seen first by a worker slot");
    }
}
