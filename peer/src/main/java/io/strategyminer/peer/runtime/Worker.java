package io.strategyminer.peer.runtime;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Backtesters;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.consensus.PeerDriver;
import io.strategyminer.consensus.PeerDriver.LeaseKey;
import io.strategyminer.data.Dataset;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.CheckpointView;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.Stamp;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.miner.CancellationToken;
import io.strategyminer.miner.Checkpoint;
import io.strategyminer.miner.CheckpointSink;
import io.strategyminer.miner.InvalidCheckpointException;
import io.strategyminer.miner.GenerationSummary;
import io.strategyminer.miner.RankedStrategy;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.miner.StrategyReport;
import io.strategyminer.miner.Verification;
import io.strategyminer.miner.Verifier;
import io.strategyminer.miner.WorkUnitRunner;
import io.strategyminer.miner.WorkUnitSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's worker slots ({@link PeerDriver.Slots}), one lease per thread: WORK and SPECULATIVE leases
 * run the unit's GA with the miner (resuming from the unit's latest checkpoint in the ledger, saving
 * checkpoints as blobs + {@link CheckpointSaved}) and hand their {@link StrategyReported} to the driver;
 * VERIFY leases re-run the reported genome's backtest and hand their {@link VerificationReported} to it.
 *
 * <p>What starts and stops, and whether a checkpoint, report or vote is published, is the {@link PeerDriver}'s
 * decision (the simulator runs the same driver). What stays here is what only a real peer has: fetching the
 * dataset, checkpoint blobs (stored, shipped, fetched to resume), retrying a failure that may pass with a backoff,
 * and recording once a failure running the unit again would repeat. The ledger is thread-safe and live gossip
 * broadcasts every local append, so slots publish from their own threads.
 */
public final class Worker implements PeerDriver.Slots, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Checkpoints tried, newest first, before a unit starts afresh: each may cost a fetch from every member. */
    static final int RESUME_CANDIDATES = 3;
    /** Longest wait before a lease that failed transiently is tried again. */
    static final long MAX_BACKOFF_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Running(Stamp granted, CancellationToken token) {
    }

    /** A lease whose last run failed for a reason that may pass (a dataset not fetched yet): tried again later. */
    private record Retry(int failures, long notBeforeNanos) {
        /** 1 s after the first failure, doubling up to {@link #MAX_BACKOFF_NANOS}. */
        Retry next(long nowNanos) {
            long backoff = Math.min(MAX_BACKOFF_NANOS, TimeUnit.SECONDS.toNanos(1) << Math.min(failures, 16));
            return new Retry(failures + 1, nowNanos + backoff);
        }
    }

    /** Saving a checkpoint failed: a problem of this peer's storage, which may pass, not of the unit. */
    private static final class StorageFailure extends RuntimeException {
        StorageFailure(RuntimeException cause) {
            super("saving a checkpoint failed: " + cause.getMessage(), cause);
        }
    }

    /**
     * A unit that fails in a way running it again would repeat: the miner refused it, threw while running it, or
     * no genome qualified. Recorded once in the ledger as {@link UnitFailed}, never retried here.
     */
    private static final class UnitFailure extends RuntimeException {
        UnitFailure(String reason, Throwable cause) {
            super(UnitFailed.reasonOf(reason), cause);
        }
    }

    /** Called when a slot finishes, whatever the outcome (on the slot's thread). */
    public interface SlotListener {
        void slotFreed();
    }

    /**
     * Told of the work a slot ran, on the slot's thread: after each finished generation of a unit, its candle-steps
     * (genomes evaluated × candles of the unit's in-sample range) and the slot's wall time since the previous
     * generation ended (or the run began, which includes resuming and preparing the indicators).
     */
    public interface WorkMeter {
        void ran(long candleSteps, long nanos);
    }

    /** A slot's result withheld by the driver (the lease is no longer ours, or the peer takes no work): run again later. */
    private static final class NotTakingWork extends RuntimeException {
        NotTakingWork() {
            super("the lease is no longer this peer's, or the peer takes no work now: the result is not appended",
                    null, false, false);
        }
    }

    private final Ledger ledger;
    private final DatasetSource datasets;
    /** The peer's one backtester per dataset: units and verifications share its caches and their budget. */
    private final Backtesters backtesters;
    private final CheckpointBlobs blobs;
    private final int slots;
    private final ExecutorService threads;
    private final SlotListener listener;
    private final PeerDriver driver;
    private final Map<LeaseKey, Running> running = new HashMap<>();
    /** Leases whose last run failed transiently, and when to try them again. */
    private final Map<LeaseKey, Retry> retries = new HashMap<>();
    private final LogThrottle transientFailures = new LogThrottle(LOG, Duration.ofSeconds(30));
    private final AtomicInteger reports = new AtomicInteger();
    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicInteger failuresRecorded = new AtomicInteger();
    private final AtomicLong backtests = new AtomicLong();
    private final AtomicLong candleSteps = new AtomicLong();
    private final WorkMeter meter;
    /** The latest finished generation of each running WORK/SPECULATIVE lease, for progress broadcasts. */
    private final Map<LeaseKey, GenerationSummary> generations = new ConcurrentHashMap<>();

    /**
     * @param driver decides what is published: while it withholds (the lease taken back, the peer taking no work),
     *               slots append nothing, neither checkpoints nor reports, and a unit that ends meanwhile is run
     *               again when assigned again. The worker attaches itself to it
     */
    public Worker(Ledger ledger, DatasetSource datasets, Backtesters backtesters, CheckpointBlobs blobs, int slots,
                  SlotListener listener, PeerDriver driver, WorkMeter meter) {
        this.meter = meter;
        this.ledger = ledger;
        this.datasets = datasets;
        this.backtesters = backtesters;
        this.blobs = blobs;
        this.slots = slots;
        this.listener = listener;
        this.driver = driver;
        AtomicInteger index = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(slots, runnable -> {
            Thread thread = new Thread(runnable, "worker-slot-" + index.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How far each running unit has come, as seen by {@code self} at {@code nowMillis}. */
    public List<UnitProgress> progress(PeerId self, long nowMillis) {
        List<UnitProgress> out = new ArrayList<>();
        generations.forEach((key, summary) -> out.add(new UnitProgress(self, key.searchId(), key.unit(),
                summary.generation(), summary.generations(),
                summary.best().qualified() ? summary.best().value() : Double.NaN, nowMillis)));
        out.sort(UnitProgress.ORDER);
        return out;
    }

    /** Slots not running a lease. */
    @Override
    public synchronized int free() {
        return slots - running.size();
    }

    @Override
    public synchronized Set<LeaseKey> running() {
        return Set.copyOf(running.keySet());
    }

    /** Strategy reports and verifications this worker appended so far. */
    public int reportsAppended() {
        return reports.get();
    }

    public int verificationsAppended() {
        return verifications.get();
    }

    /** Backtests this worker ran so far: genomes evaluated by its units, plus one per verification. */
    public long backtestsRun() {
        return backtests.get();
    }

    /** Candle-steps of the backtests this worker ran since start (each backtest × the candles it covered). */
    public long candleStepsRun() {
        return candleSteps.get();
    }

    /** Work units this worker recorded as failed ({@link UnitFailed}). */
    public int failuresRecorded() {
        return failuresRecorded.get();
    }

    /** Work units this worker resumed from another run's checkpoint. */
    public int unitsResumed() {
        return resumed.get();
    }

    /**
     * Starts {@code view} on a slot thread, unless it is waiting for its backoff after a failure that may pass,
     * or no slot is free.
     */
    @Override
    public synchronized boolean start(LeaseView view) {
        LeaseKey key = LeaseKey.of(view.lease());
        Retry retry = retries.get(key);
        if (running.size() >= slots || running.containsKey(key)
                || (retry != null && System.nanoTime() < retry.notBeforeNanos())) {
            return false;
        }
        CancellationToken token = new CancellationToken();
        running.put(key, new Running(view.granted(), token));
        threads.execute(() -> runSlot(key, view, token));
        return true;
    }

    /** Cancels the run of {@code key} (its last finished generation is checkpointed if still allowed). */
    @Override
    public synchronized void cancel(LeaseKey key) {
        Running run = running.get(key);
        if (run != null) {
            LOG.info("lease {} unit {} is no longer ours: cancelling it", key.searchId(), key.unit());
            run.token().cancel();
        }
        retries.remove(key);
    }

    private void runSlot(LeaseKey key, LeaseView view, CancellationToken token) {
        boolean completed = false;
        try {
            if (view.lease().kind() == LeaseKind.VERIFY) {
                verify(view.lease());
            } else {
                work(key, view.lease(), token);
            }
            completed = true;
        } catch (CancellationException e) {
            LOG.info("unit {}/{} cancelled", key.searchId(), key.unit());
        } catch (UnitFailure e) {
            completed = driver.mayPublish(view.lease());
            if (completed) {
                recordFailure(view.lease(), e);
            }
        } catch (NotTakingWork e) {
            LOG.info("unit {}/{}: {}", key.searchId(), key.unit(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            Retry retry;
            synchronized (this) {
                retry = retries.getOrDefault(key, new Retry(0, 0)).next(System.nanoTime());
                retries.put(key, retry);
            }
            transientFailures.warn(e.getClass().getName(), "lease {} unit {} ({}) failed {} time(s), trying again in {}"
                            + " s: {}", key.searchId(), key.unit(), view.lease().kind(), retry.failures(),
                    TimeUnit.NANOSECONDS.toSeconds(retry.notBeforeNanos() - System.nanoTime()) + 1, e.toString());
        } finally {
            generations.remove(key);
            driver.ended(view, completed); // before the slot leaves running(): the grant is never started again
            synchronized (this) {
                Running run = running.get(key);
                if (run != null && run.token() == token) {
                    running.remove(key);
                }
                if (completed) {
                    retries.remove(key);
                }
            }
            listener.slotFreed();
        }
    }

    private void work(LeaseKey key, LeaseGranted lease, CancellationToken token) throws IOException {
        SearchSpec search = search(lease.searchId()).spec();
        WorkUnitSpec spec = search.workUnit(lease.unit());
        Backtester backtester = backtesters.of(search.dataset(), spec.backtest(), datasets::get);
        Optional<Checkpoint> resume = resumeCheckpoint(lease, spec);
        CheckpointSink sink = checkpoint -> {
            requireMayPublish(lease);
            PeerDriver.Publication published;
            try {
                byte[] bytes = checkpoint.toBytes();
                Sha256 blob = ledger.putBlob(bytes);
                blobs.share(bytes); // before the event, so a new holder normally has the blob when it needs it
                published = driver.checkpoint(lease, checkpoint.generation(), blob, bytes.length);
            } catch (RuntimeException e) {
                throw new StorageFailure(e); // this peer's storage, not the unit: tried again later
            }
            if (published.outcome() == PeerDriver.Outcome.WITHHELD) {
                throw new NotTakingWork();
            }
        };
        StrategyReport report;
        long candles = spec.split().inSample(backtester.dataset().size()).length();
        long[] since = {System.nanoTime()};
        try (WorkUnitRunner runner = new WorkUnitRunner(1)) {
            report = runner.run(spec, backtester, resume,
                    summary -> {
                        generations.put(key, summary);
                        backtests.addAndGet(summary.evaluated());
                        long steps = summary.evaluated() * candles;
                        candleSteps.addAndGet(steps);
                        long now = System.nanoTime();
                        meter.ran(steps, now - since[0]);
                        since[0] = now;
                    }, sink, token);
        } catch (CancellationException | StorageFailure | NotTakingWork e) {
            throw e;
        } catch (RuntimeException e) {
            // the miner is deterministic: what it refused or threw on here, it throws on everywhere
            throw new UnitFailure("the miner failed on this unit: " + e, e);
        }
        if (!report.best().fitness().qualified()) {
            throw new UnitFailure("no genome qualified in " + report.generations() + " generations: every genome made"
                    + " fewer than " + search.minTrades() + " in-sample trades or had no " + search.objective().id()
                    + " (Sharpe and Sortino need " + Metrics.MIN_DAYS + " in-sample days)", null);
        }
        RankedStrategy best = report.best();
        Sha256 digest = Sha256.parse(best.digest());
        PeerDriver.Publication published = driver.report(lease, new StrategyReported(lease.searchId(), lease.unit(),
                best.genome(), best.inSample(), best.inSampleBuyAndHold(), best.outOfSample(),
                best.outOfSampleBuyAndHold(), Sha256.parse(best.tradesDigest()), digest, report.engineVersion(),
                report.trials()));
        switch (published.outcome()) {
            case WITHHELD -> throw new NotTakingWork();
            case DROPPED -> LOG.info("unit {}/{} was finished by another runner first: dropping our result",
                    lease.searchId(), lease.unit());
            case APPENDED -> {
                Event reported = published.event().orElseThrow();
                // this peer computed it: its own verdict needs no second run
                ledger.recordOwnDigest(new StrategyId(reported.origin(), reported.sequence()), digest);
                reports.incrementAndGet();
            }
        }
    }

    /** Appends the unit's failure once; the coordinator then leases it to other peers, never to this one again. */
    private void recordFailure(LeaseGranted lease, UnitFailure failure) {
        LOG.warn("unit {}/{} fails and is recorded as failed: {}", lease.searchId(), lease.unit(), failure.getMessage(),
                failure.getCause());
        if (unit(lease.searchId(), lease.unit()).status().finished()) {
            return;
        }
        ledger.append(new UnitFailed(lease.searchId(), lease.unit(), failure.getMessage()));
        failuresRecorded.incrementAndGet();
    }

    /**
     * The checkpoint to resume the unit from: the latest whose blob this peer holds or can fetch and which
     * decodes as this unit's, trying at most {@link #RESUME_CANDIDATES} from the newest down. The latest blob
     * can be missing everywhere: a peer that leaves or crashes right after saving a checkpoint may get its event
     * out (gossip, a last repair sync) but not the blob broadcast. An older checkpoint still saves most of the
     * work, and resuming from any generation gives the same report.
     */
    private Optional<Checkpoint> resumeCheckpoint(LeaseGranted lease, WorkUnitSpec spec) {
        List<CheckpointView> saved = unit(lease.searchId(), lease.unit()).checkpoints();
        for (int i = saved.size() - 1; i >= Math.max(0, saved.size() - RESUME_CANDIDATES); i--) {
            CheckpointView candidate = saved.get(i);
            Optional<byte[]> bytes = blobs.obtain(candidate);
            if (bytes.isEmpty()) {
                LOG.warn("checkpoint blob {} (generation {}) of unit {}/{} could not be obtained{}",
                        candidate.checkpoint().blob().shortHex(), candidate.checkpoint().generation(), lease.searchId(),
                        lease.unit(), i > 0 ? ": trying the one before" : "");
                continue;
            }
            try {
                Checkpoint checkpoint = Checkpoint.fromBytes(bytes.get());
                if (!checkpoint.specHash().equals(spec.specHash())) {
                    throw new InvalidCheckpointException("it belongs to another unit spec");
                }
                LOG.info("unit {}/{} resumes from generation {}", lease.searchId(), lease.unit(), checkpoint.generation());
                resumed.incrementAndGet();
                return Optional.of(checkpoint);
            } catch (InvalidCheckpointException e) {
                LOG.warn("checkpoint {} of unit {}/{} is unusable ({})", candidate.checkpoint().blob().shortHex(),
                        lease.searchId(), lease.unit(), e.getMessage());
            }
        }
        if (!saved.isEmpty()) {
            LOG.warn("unit {}/{}: no usable checkpoint among the latest {}: starting the unit afresh", lease.searchId(),
                    lease.unit(), Math.min(saved.size(), RESUME_CANDIDATES));
        }
        return Optional.empty();
    }

    private void verify(LeaseGranted lease) throws IOException {
        SearchSpec search = search(lease.searchId()).spec();
        StrategyView strategy = ledger.read(state -> state.strategy(lease.target())).orElseThrow(
                () -> new IllegalStateException("strategy " + lease.target() + " to verify is not in the ledger yet"));
        WorkUnitSpec spec = search.workUnit(lease.unit());
        Backtester backtester = backtesters.of(search.dataset(), spec.backtest(), datasets::get);
        Verification verification = Verifier.verify(strategy.report().genome(), backtester, spec.split());
        Sha256 digest = Sha256.parse(verification.digest());
        if (verification.engineVersion().equals(strategy.report().engineVersion())) {
            ledger.recordOwnDigest(lease.target(), digest);
        }
        backtests.incrementAndGet();
        // a verification backtests the whole dataset; too short to time usefully, so it counts as work, not a sample
        candleSteps.addAndGet(backtester.dataset().size());
        PeerDriver.Publication published = driver.vote(lease,
                new VerificationReported(lease.target(), digest, verification.engineVersion()));
        if (published.outcome() == PeerDriver.Outcome.WITHHELD) {
            throw new NotTakingWork();
        }
        if (published.outcome() == PeerDriver.Outcome.APPENDED) {
            verifications.incrementAndGet();
        }
    }

    /** Saves a blob only for a checkpoint the driver would publish (it checks again when it appends). */
    private void requireMayPublish(LeaseGranted lease) {
        if (!driver.mayPublish(lease)) {
            throw new NotTakingWork();
        }
    }

    private SearchView search(String searchId) {
        return ledger.read(state -> state.search(searchId))
                .orElseThrow(() -> new IllegalStateException("search " + searchId + " is not in the ledger yet"));
    }

    private UnitView unit(String searchId, int unit) {
        return ledger.read(state -> state.unit(searchId, unit))
                .orElseThrow(() -> new IllegalStateException("unit " + searchId + "/" + unit + " is not in the ledger"));
    }

    /** Cancels every running lease and stops the slots (bounded wait). */
    @Override
    public void close() {
        synchronized (this) {
            running.values().forEach(run -> run.token().cancel());
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("worker slots still running 10 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Worker[" + slots + " slots, " + Objects.toString(running.keySet()) + "]";
    }
}
