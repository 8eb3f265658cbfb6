package io.strategyminer.peer.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a peer's disk counts as full: less than {@code minFreeBytes} usable in the file system of its data dir,
 * checked every {@code checkPeriod} by {@code freeSpace}. Below it the peer is unhealthy: it takes no work and
 * appends nothing until space returns ({@link DiskMonitor}).
 *
 * @param minFreeBytes what a peer keeps in reserve: room for the events and checkpoints of the units it may be
 *                     running when the disk fills, and for RocksDB to flush and compact (≥ 0)
 * @param checkPeriod  how often the free space is read (positive)
 * @param freeSpace    how it is read ({@link FreeSpace#FILE_STORE}; tests simulate a full disk with their own)
 */
public record DiskPolicy(long minFreeBytes, Duration checkPeriod, FreeSpace freeSpace) {
    /** 256 MiB in reserve, checked every 10 s. */
    public static final DiskPolicy DEFAULT = new DiskPolicy(256L << 20, Duration.ofSeconds(10), FreeSpace.FILE_STORE);

    public DiskPolicy {
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("the free-space reserve is negative: " + minFreeBytes);
        }
        if (checkPeriod.isNegative() || checkPeriod.isZero()) {
            throw new IllegalArgumentException("the free-space check period must be positive, got " + checkPeriod);
        }
        Objects.requireNonNull(freeSpace, "freeSpace");
    }

    /**
     * What is wrong with the free space of {@code dataDir}'s file system now under this policy, if anything (read
     * where the data dir is, or its nearest existing parent before the first start): the one rule a running peer
     * and {@code peer doctor} apply.
     */
    public Optional<String> shortage(Path dataDir) {
        return DiskMonitor.shortage(dataDir, this);
    }

    /** Reads the bytes a process of this user can still write in the file system holding a directory. */
    @FunctionalInterface
    public interface FreeSpace {
        /** The file system's usable space (what this user may still write: reserved blocks excluded). */
        FreeSpace FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

        long usableBytes(Path dir) throws IOException;
    }
}
