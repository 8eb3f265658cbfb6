package io.strategyminer.data.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Time that passes only when the fetcher sleeps; the sleeps are recorded. */
final class FakeClock implements FetchClock {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Long> sleeps = new ArrayList<>();

    @Override
    public long millis() {
        return now.get();
    }

    @Override
    public synchronized void sleep(long millis) {
        sleeps.add(millis);
        now.addAndGet(millis);
    }

    synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
