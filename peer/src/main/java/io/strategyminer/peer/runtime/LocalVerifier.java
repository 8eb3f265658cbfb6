package io.strategyminer.peer.runtime;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Backtesters;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.LedgerListener;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.miner.Verifier;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-runs every strategy reported to this peer, once, and records the digest it gets as the peer's own verdict
 * ({@link Ledger#recordOwnDigest}): the peer shows a strategy as canonical only if its own re-run reproduced it,
 * so no quorum of votes — which any member can sign with as many identities as it likes — can make it show a
 * result it does not reproduce, or flip one it does (see {@code CanonicalRule}). One backtest per range per
 * report, on its own thread, in arrival order; a dataset this peer lacks is fetched from the cluster first, and a
 * re-run that cannot be done yet (the dataset is nowhere to be had) is tried again later.
 */
final class LocalVerifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalVerifier.class);
    /** Wait before trying again a re-run whose dataset could not be obtained. */
    static final Duration RETRY = Duration.ofSeconds(10);

    private final Ledger ledger;
    private final DatasetSource datasets;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "local-verifier");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY); // behind mining: a verdict may wait, work should not
        return t;
    });
    private final LogThrottle unavailable = new LogThrottle(LOG, Duration.ofMinutes(1));
    private final AtomicInteger verdicts = new AtomicInteger();
    private LedgerListener.Subscription subscription;
    /** The peer's one backtester per dataset, shared with its work units and pages. */
    private final Backtesters backtesters;

    LocalVerifier(Ledger ledger, DatasetSource datasets, Backtesters backtesters) {
        this.backtesters = backtesters;
        this.ledger = ledger;
        this.datasets = datasets;
    }

    /** Re-runs every report not judged yet, then every new one as it is stored. */
    void start() {
        subscription = ledger.subscribe(this::stored);
        ledger.read(state -> state.awaitingOwnDigest(EngineVersion.CURRENT)).forEach(s -> submit(s.id()));
    }

    /** Verdicts recorded so far. */
    int verdicts() {
        return verdicts.get();
    }

    private void stored(Event event, boolean local) {
        if (event.payload() instanceof StrategyReported report && report.engineVersion().equals(EngineVersion.CURRENT)) {
            submit(new StrategyId(event.origin(), event.sequence()));
        } else if (event.payload() instanceof SearchSubmitted) {
            // reports that arrived before their search could not be judged: they can now
            if (!thread.isShutdown()) {
                thread.execute(() -> ledger.read(state -> state.awaitingOwnDigest(EngineVersion.CURRENT))
                        .forEach(s -> judge(s.id())));
            }
        }
    }

    private void submit(StrategyId id) {
        if (!thread.isShutdown()) {
            thread.execute(() -> judge(id));
        }
    }

    private void judge(StrategyId id) {
        record Known(StrategyView strategy, SearchView search) {
        }
        Optional<Known> known = ledger.read(state -> state.ownDigest(id).isPresent() ? Optional.<Known>empty()
                : state.strategy(id).flatMap(s -> state.search(s.report().searchId()).map(q -> new Known(s, q))));
        if (known.isEmpty()) {
            return; // judged already, or its search is not here yet (its arrival brings the report back)
        }
        SearchSpec search = known.get().search().spec();
        try {
            Backtester backtester = backtesters.of(search.dataset(), search.costs(), datasets::get);
            StrategyReported report = known.get().strategy().report();
            String digest = Verifier.verify(report.genome(), backtester, search.unitSplit(report.unit())).digest();
            ledger.recordOwnDigest(id, Sha256.parse(digest));
            verdicts.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            unavailable.warn(e.getClass().getName(), "cannot re-run strategy {} yet ({}): trying again in {} s", id,
                    e.getMessage(), RETRY.toSeconds());
            if (!thread.isShutdown()) {
                thread.schedule(() -> judge(id), RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        thread.shutdownNow();
    }
}
