package io.strategyminer.peer.runtime;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Split;
import io.strategyminer.data.Dataset;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.CheckpointView;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.Stamp;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitStatus;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.miner.CancellationToken;
import io.strategyminer.miner.Checkpoint;
import io.strategyminer.miner.CheckpointSink;
import io.strategyminer.miner.InvalidCheckpointException;
import io.strategyminer.miner.GenerationSummary;
import io.strategyminer.miner.StrategyReport;
import io.strategyminer.miner.Verification;
import io.strategyminer.miner.Verifier;
import io.strategyminer.miner.WorkUnitRunner;
import io.strategyminer.miner.WorkUnitSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * Runs the leases consensus assigns to this peer, one per slot (thread): WORK and SPECULATIVE leases
 * run the unit's GA with the miner (resuming from the unit's latest checkpoint in the ledger, saving
 * checkpoints as blobs + {@link CheckpointSaved}) and append a {@link StrategyReported}; VERIFY leases
 * re-run the reported genome's backtest and append a {@link VerificationReported}.
 *
 * <p>{@link #reconcile} is called by the consensus thread with the current assignments: it starts what
 * is not running and cancels what is no longer assigned (re-issued elsewhere). The ledger is thread-safe
 * and live gossip broadcasts every local append, so slots append directly.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Checkpoints tried, newest first, before a unit starts afresh: each may cost a fetch from every member. */
    static final int RESUME_CANDIDATES = 3;

    /** What a slot runs; a renewal of a WORK lease has the same key, so it keeps running. */
    record LeaseKey(String searchId, int unit, Optional<StrategyId> verifies) {
        static LeaseKey of(LeaseGranted lease) {
            return new LeaseKey(lease.searchId(), lease.unit(),
                    lease.kind() == LeaseKind.VERIFY ? Optional.of(lease.target()) : Optional.empty());
        }
    }

    private record Running(Stamp granted, CancellationToken token) {
    }

    /** Called when a slot finishes, whatever the outcome (on the slot's thread). */
    public interface SlotListener {
        void slotFreed();
    }

    private final Ledger ledger;
    private final DatasetSource datasets;
    private final CheckpointBlobs blobs;
    private final int slots;
    private final ExecutorService threads;
    private final SlotListener listener;
    private final Map<LeaseKey, Running> running = new HashMap<>();
    /** Grants already run to the end: never run twice, even while the ledger still lists them. */
    private final Set<Stamp> finished = new HashSet<>();
    private final AtomicInteger reports = new AtomicInteger();
    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicLong backtests = new AtomicLong();
    /** The latest finished generation of each running WORK/SPECULATIVE lease, for progress broadcasts. */
    private final Map<LeaseKey, GenerationSummary> generations = new ConcurrentHashMap<>();

    public Worker(Ledger ledger, DatasetSource datasets, CheckpointBlobs blobs, int slots, SlotListener listener) {
        this.ledger = ledger;
        this.datasets = datasets;
        this.blobs = blobs;
        this.slots = slots;
        this.listener = listener;
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
    public synchronized int freeSlots() {
        return slots - running.size();
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

    /** Work units this worker resumed from another run's checkpoint. */
    public int unitsResumed() {
        return resumed.get();
    }

    /**
     * Starts every assigned lease not running yet (while slots are free) and cancels every running lease
     * no longer assigned.
     */
    public synchronized void reconcile(List<LeaseView> assignments) {
        Map<LeaseKey, LeaseView> wanted = new HashMap<>();
        for (LeaseView view : assignments) {
            if (!finished.contains(view.granted())) {
                wanted.put(LeaseKey.of(view.lease()), view);
            }
        }
        running.forEach((key, run) -> {
            if (!wanted.containsKey(key)) {
                LOG.info("lease {} unit {} is no longer ours: cancelling it", key.searchId(), key.unit());
                run.token().cancel();
            }
        });
        // start in the assignment order (consensus lists the most urgent first)
        for (LeaseView view : assignments) {
            LeaseKey key = LeaseKey.of(view.lease());
            if (running.size() >= slots) {
                return;
            }
            if (!wanted.containsKey(key) || running.containsKey(key)) {
                continue;
            }
            CancellationToken token = new CancellationToken();
            running.put(key, new Running(view.granted(), token));
            threads.execute(() -> runSlot(key, view, token));
        }
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
        } catch (IOException | RuntimeException e) {
            LOG.warn("lease {} unit {} ({}) failed, it will be retried: {}", key.searchId(), key.unit(),
                    view.lease().kind(), e.toString());
        } finally {
            generations.remove(key);
            synchronized (this) {
                Running run = running.get(key);
                if (run != null && run.token() == token) {
                    running.remove(key);
                }
                if (completed) {
                    finished.add(view.granted());
                }
            }
            listener.slotFreed();
        }
    }

    private void work(LeaseKey key, LeaseGranted lease, CancellationToken token) throws IOException {
        SearchSubmitted search = search(lease.searchId()).spec();
        WorkUnitSpec spec = unitSpec(search, lease.unit());
        Dataset dataset = datasets.get(search.dataset());
        Optional<Checkpoint> resume = resumeCheckpoint(lease, spec);
        CheckpointSink sink = checkpoint -> {
            byte[] bytes = checkpoint.toBytes();
            Sha256 blob = ledger.putBlob(bytes);
            blobs.share(bytes); // before the event, so a new holder normally has the blob when it needs it
            ledger.append(new CheckpointSaved(lease.searchId(), lease.unit(), checkpoint.generation(), blob, bytes.length));
        };
        StrategyReport report;
        try (WorkUnitRunner runner = new WorkUnitRunner(1)) {
            report = runner.run(spec, new Backtester(dataset, spec.backtest()), resume,
                    summary -> {
                        generations.put(key, summary);
                        backtests.addAndGet(summary.evaluated());
                    }, sink, token);
        }
        if (unit(lease.searchId(), lease.unit()).status() == UnitStatus.DONE) {
            LOG.info("unit {}/{} was finished by another runner first: dropping our result", lease.searchId(), lease.unit());
            return;
        }
        ledger.append(new StrategyReported(lease.searchId(), lease.unit(), report.bestGenome(), report.inSample(),
                report.outOfSample(), Sha256.parse(report.digest()), report.engineVersion()));
        reports.incrementAndGet();
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
        SearchSubmitted search = search(lease.searchId()).spec();
        StrategyView strategy = ledger.read(state -> state.strategy(lease.target())).orElseThrow(
                () -> new IllegalStateException("strategy " + lease.target() + " to verify is not in the ledger yet"));
        WorkUnitSpec spec = unitSpec(search, lease.unit());
        Backtester backtester = new Backtester(datasets.get(search.dataset()), spec.backtest());
        Verification verification = Verifier.verify(strategy.report().genome(), backtester, spec.split());
        ledger.append(new VerificationReported(lease.target(), Sha256.parse(verification.digest()),
                verification.engineVersion()));
        verifications.incrementAndGet();
        backtests.incrementAndGet();
    }

    /** The miner's spec of unit {@code unit} of {@code search}: what every peer runs and verifies for it. */
    public static WorkUnitSpec unitSpec(SearchSubmitted search, int unit) {
        return WorkUnitSpec.builder(search.dataset(), WorkUnitSpec.unitSeed(search.seed(), unit))
                .split(new Split(search.splitPercent()))
                .population(search.population())
                .generations(search.generations())
                .risk(search.risk())
                .objective(search.objective())
                .minTrades(search.minTrades())
                .build();
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
