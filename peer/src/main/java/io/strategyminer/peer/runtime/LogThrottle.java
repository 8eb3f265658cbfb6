package io.strategyminer.peer.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Log lines of one cause at most once per interval: a failure that repeats (a peer that cannot be reached, a dataset
 * no peer serves) shows once with how many times it happened since, instead of filling the disk.
 */
final class LogThrottle {
    private final Logger log;
    private final long intervalNanos;
    private final Map<String, Window> windows = new HashMap<>();

    private record Window(long openedNanos, int suppressed) {
    }

    LogThrottle(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** A warning of {@code cause}, unless one was logged within the interval (then it is only counted). */
    void warn(String cause, String format, Object... arguments) {
        long now = System.nanoTime();
        int suppressed;
        synchronized (windows) {
            Window window = windows.get(cause);
            if (window != null && now - window.openedNanos() < intervalNanos) {
                windows.put(cause, new Window(window.openedNanos(), window.suppressed() + 1));
                return;
            }
            suppressed = window == null ? 0 : window.suppressed();
            windows.put(cause, new Window(now, 0));
        }
        if (suppressed > 0) {
            log.warn("(the same happened {} more time(s) in the last {} s)", suppressed,
                    Duration.ofNanos(intervalNanos).toSeconds());
        }
        log.warn(format, arguments);
    }
}
