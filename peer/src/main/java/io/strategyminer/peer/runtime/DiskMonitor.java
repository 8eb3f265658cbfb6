package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.store.StoreException;
import io.strategyminer.web.PeerHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the data dir's disk lets the peer work: unhealthy while the file system holding it has less usable
 * space than the {@link DiskPolicy}'s reserve, or once writing to the ledger failed for lack of space, until a
 * check finds the reserve free again. The peer reads {@link #check()} every {@link DiskPolicy#checkPeriod()} and
 * reports write failures as they happen; each change of state goes to the listener, on the caller's thread.
 * Thread-safe.
 */
final class DiskMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(DiskMonitor.class);

    private final Path dataDir;
    private final DiskPolicy policy;
    private final LongSupplier clock;
    private final Consumer<PeerHealth> onChange;
    private PeerHealth health;

    /**
     * @param clock    wall-clock millis, for {@link PeerHealth#sinceMillis()}
     * @param onChange told of every change between healthy and unhealthy
     */
    DiskMonitor(Path dataDir, DiskPolicy policy, LongSupplier clock, Consumer<PeerHealth> onChange) {
        this.dataDir = dataDir;
        this.policy = policy;
        this.clock = clock;
        this.onChange = onChange;
        this.health = PeerHealth.healthy(clock.getAsLong());
    }

    synchronized PeerHealth health() {
        return health;
    }

    /** Reads the free space now and updates the health. */
    PeerHealth check() {
        return update(shortage(dataDir, policy));
    }

    /**
     * What is wrong with the free space of {@code dataDir}'s file system now, if anything (read where the data dir
     * is, or its nearest existing parent before the first start).
     */
    static Optional<String> shortage(Path dataDir, DiskPolicy policy) {
        Path existing = dataDir.toAbsolutePath();
        while (!Files.isDirectory(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        try {
            long usable = policy.freeSpace().usableBytes(existing);
            return usable >= policy.minFreeBytes() ? Optional.empty() : Optional.of("the data dir " + dataDir + " has "
                    + mebibytes(usable) + " MiB free, less than the " + mebibytes(policy.minFreeBytes())
                    + " MiB a peer keeps in reserve");
        } catch (IOException | RuntimeException e) {
            return Optional.of("the free space of the data dir " + dataDir + " cannot be read (" + e + ")");
        }
    }

    /** A write to the ledger failed: a full disk makes the peer unhealthy at once, until a check finds space. */
    void writeFailed(StoreException e) {
        if (e.problem() == StoreException.Problem.NO_SPACE) {
            update(Optional.of("writing to the ledger in " + dataDir + " failed: the disk is full (" + e.getMessage()
                    + ")"));
        }
    }

    private PeerHealth update(Optional<String> problem) {
        PeerHealth changed;
        synchronized (this) {
            long since = health.ok() == problem.isEmpty() ? health.sinceMillis() : clock.getAsLong();
            PeerHealth next = problem.map(p -> PeerHealth.unhealthy(p + "; until space is freed there this peer takes"
                    + " no work and stays out of the cluster view (checked every " + period() + ")", since))
                    .orElse(PeerHealth.healthy(since));
            changed = next.ok() != health.ok() ? next : null;
            health = next;
        }
        if (changed != null) {
            if (changed.ok()) {
                LOG.warn("the disk of {} has room again: this peer takes work again", dataDir);
            } else {
                LOG.error("unhealthy: {}", changed.problem().orElseThrow());
            }
            onChange.accept(changed);
        }
        return health();
    }

    private String period() {
        long millis = policy.checkPeriod().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static long mebibytes(long bytes) {
        return bytes >> 20;
    }
}
