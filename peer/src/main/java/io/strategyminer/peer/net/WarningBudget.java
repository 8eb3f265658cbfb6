package io.strategyminer.peer.net;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Lets at most a few warnings a minute through to a log, so that a flood of refused connections or frames
 * fills neither the log nor the disk; the first warning after a quiet spell says how many were held back.
 */
public final class WarningBudget {
    private final Logger log;
    private final int perPeriod;
    private final long periodNanos;
    private long periodStart;
    private int spent;
    private long suppressed;

    /** At most {@code perPeriod} warnings every {@code period} on {@code log}. */
    public WarningBudget(Logger log, int perPeriod, Duration period) {
        this.log = log;
        this.perPeriod = perPeriod;
        this.periodNanos = period.toNanos();
        this.periodStart = System.nanoTime() - periodNanos;
    }

    /** Logs the message as a warning if the budget allows, else counts it (the message is then not built). */
    public synchronized void warn(Supplier<String> message) {
        long now = System.nanoTime();
        if (now - periodStart >= periodNanos) {
            periodStart = now;
            spent = 0;
        }
        if (spent == perPeriod) {
            suppressed++;
            return;
        }
        spent++;
        if (suppressed > 0) {
            log.warn("{} ({} similar warnings were held back)", message.get(), suppressed);
            suppressed = 0;
        } else {
            log.warn(message.get());
        }
    }
}
