package io.strategyminer.ledger;

import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledger throughput, printed (never asserted). Run with
 * {@code mvn -Dsm.target=target-ledger -pl ledger -am test -Dtest=LedgerBenchmark -Dsm.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 * Everything measured runs on the test thread (one core); only generating the 100,000 signed
 * events uses two threads, and it is not measured.
 */
@Tag("benchmark")
class LedgerBenchmark {
    private static final int ORIGINS = 4;
    private static final int EVENTS_PER_ORIGIN = 25_000;
    private static final int BATCH = 1_000;

    @TempDir
    Path dir;

    @Test
    void figures() throws Exception {
        List<List<Event>> chains = generate();
        List<Event> all = new ArrayList<>();
        chains.forEach(all::addAll);
        long payloadBytes = all.stream().mapToLong(Event::size).sum();
        System.out.printf("generated %,d events from %d origins, %,d bytes (%.0f bytes/event on average)%n",
                all.size(), ORIGINS, payloadBytes, (double) payloadBytes / all.size());

        appendWithSignature(2_000);
        liveApply(chains.get(0).subList(0, 3_000));
        Path source = catchUp(all);
        deltaOfAPeerBehind(source, all.size());
        fold(all);
    }

    private void appendWithSignature(int n) {
        PeerIdentity me = PeerIdentity.generate();
        try (Ledger ledger = Ledger.open(dir.resolve("append"), me)) {
            ledger.append(Fixtures.announce(me, Scenario.M1, 2));
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ledger.append(Fixtures.lease("bench", i % 100, me.peerId(), i));
            }
            report("append (sign + synced WAL write + fold)", n, System.nanoTime() - start);
        }
    }

    private void liveApply(List<Event> events) {
        List<byte[]> wire = events.stream().map(Event::encoded).toList();
        try (Ledger ledger = Ledger.open(dir.resolve("live"), PeerIdentity.generate())) {
            long start = System.nanoTime();
            for (byte[] bytes : wire) {
                ledger.apply(bytes);
            }
            long elapsed = System.nanoTime() - start;
            assertEquals(events.size(), ledger.stats().events());
            report("live apply (decode + chain + signature + store + fold)", events.size(), elapsed);
        }
    }

    /** Applies all events as catch-up batches from bytes into a fresh ledger; returns its directory. */
    private Path catchUp(List<Event> events) throws IOException {
        List<byte[]> wire = events.stream().map(Event::encoded).toList();
        Path ledgerDir = dir.resolve("source");
        try (Ledger ledger = openOwned(ledgerDir)) {
            long start = System.nanoTime();
            for (int from = 0; from < wire.size(); from += BATCH) {
                ledger.applyBatchEncoded(wire.subList(from, Math.min(wire.size(), from + BATCH)));
            }
            long elapsed = System.nanoTime() - start;
            assertEquals(events.size(), ledger.stats().events());
            report("catch-up apply (decode + chain + 1 signature/origin/batch + store + fold)", events.size(),
                    elapsed);
        }
        return ledgerDir;
    }

    private void deltaOfAPeerBehind(Path sourceDir, int expected) throws IOException {
        Path behindDir = dir.resolve("behind");
        try (Ledger source = openOwned(sourceDir); Ledger behind = openOwned(behindDir)) {
            long start = System.nanoTime();
            long count = 0;
            try (DeltaCursor delta = source.delta(behind.versionVector())) {
                while (delta.hasNext()) {
                    List<byte[]> wire = delta.next().stream().map(Event::encoded).toList();
                    count += behind.applyBatchEncoded(wire).applied().size();
                }
            }
            long elapsed = System.nanoTime() - start;
            assertEquals(expected, count);
            assertEquals(source.read(LedgerState::snapshot), behind.read(LedgerState::snapshot));
            report("delta for a peer " + expected + " events behind, computed, sent as bytes and applied",
                    count, elapsed);
        }
        long start = System.nanoTime();
        try (Ledger reopened = openOwned(behindDir)) {
            report("reopen: read + verify chains + rebuild state", reopened.stats().events(),
                    System.nanoTime() - start);
        }
        System.out.printf("size on disk after close: %,d bytes for %,d events = %,.1f MB per 100,000 events%n",
                directorySize(behindDir), expected, directorySize(behindDir) * 100_000.0 / expected / 1e6);
    }

    private void fold(List<Event> events) {
        long start = System.nanoTime();
        LedgerState state = new LedgerState();
        events.forEach(state::apply);
        long elapsed = System.nanoTime() - start;
        report("fold into LedgerState (decoded events)", events.size(), elapsed);
        start = System.nanoTime();
        int strategies = state.searches().stream().mapToInt(s -> s.units().stream()
                .mapToInt(u -> u.reports().size()).sum()).sum();
        System.out.printf("read models: %d searches, %,d strategies with verdicts built in %.1f ms%n",
                state.searches().size(), strategies, (System.nanoTime() - start) / 1e6);
    }

    /** Opens a ledger directory with its own identity, kept in a sibling directory, so it can be reopened. */
    private Ledger openOwned(Path ledgerDir) throws IOException {
        return Ledger.open(ledgerDir, PeerIdentity.loadOrCreate(ledgerDir.resolveSibling(ledgerDir.getFileName() + "-id")));
    }

    /** 4 origins × 25,000 events: announcements, then leases, checkpoints, reports and verifications. */
    private static List<List<Event>> generate() throws Exception {
        ExecutorService signers = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Event>>> futures = new ArrayList<>();
            for (int o = 0; o < ORIGINS; o++) {
                int origin = o;
                futures.add(signers.submit(() -> chain(origin)));
            }
            List<List<Event>> chains = new ArrayList<>();
            for (Future<List<Event>> future : futures) {
                chains.add(future.get());
            }
            return chains;
        } finally {
            signers.shutdownNow();
        }
    }

    private static List<Event> chain(int origin) {
        Fixtures.Chain chain = new Fixtures.Chain(PeerIdentity.generate());
        List<Event> events = new ArrayList<>(EVENTS_PER_ORIGIN);
        events.add(chain.next(1, Fixtures.announce(chain.identity(), Fixtures.machine("m" + origin), 4)));
        if (origin == 0) {
            events.add(chain.next(2, Fixtures.search("bench", 10_000, 2, false)));
        }
        StrategyId lastReport = null;
        while (events.size() < EVENTS_PER_ORIGIN) {
            int i = events.size();
            int unit = (i / 5 + origin * 2_500) % 10_000;
            Payload payload;
            switch (i % 5) {
                case 0:
                    payload = Fixtures.lease("bench", unit, chain.id(), i);
                    break;
                case 1:
                case 2:
                    payload = Fixtures.checkpoint("bench", unit, i % 100, sha(origin + "-" + i));
                    break;
                case 3:
                    lastReport = chain.nextStrategyId();
                    payload = Fixtures.report("bench", unit, sha("digest-" + unit));
                    break;
                default:
                    payload = Fixtures.verification(lastReport, Fixtures.digest(sha("digest-" + unit)));
                    break;
            }
            events.add(chain.next(i + 1, payload));
        }
        return events;
    }

    private static long directorySize(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void report(String what, long events, long nanos) {
        System.out.printf("%-90s %,9d events in %,8.1f ms = %,10.0f events/s%n", what, events, nanos / 1e6,
                events * 1e9 / nanos);
    }
}
