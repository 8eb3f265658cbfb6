package io.strategyminer.ledger.store;

import io.strategyminer.data.store.OwnerOnly;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.RocksObject;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger on RocksDB, in three column families: {@code events} (key: origin bytes + sequence,
 * big-endian; value: canonical event bytes), {@code blobs} (key: SHA-256; large values kept in
 * RocksDB blob files) and {@code meta} (chain heads, owner, counters).
 *
 * <p>Durability: every write goes through the write-ahead log. A write with {@code sync=true}
 * fsyncs the log before returning, so it survives a power cut; one with {@code sync=false} is in
 * the operating system's buffers when it returns, which survives the process being killed at any
 * instant (SIGKILL) but not the machine losing power. The log is shared by all column families,
 * so a synced write also makes every earlier unsynced write durable.
 *
 * <p>Native handles are closed by {@link #close()}; scans still open at that moment are closed
 * first, and any later use fails with {@link StoreException} instead of touching freed memory.
 */
public final class RocksLedgerStore implements LedgerStore {
    static {
        RocksDB.loadLibrary();
    }

    private static final Logger LOG = LoggerFactory.getLogger(RocksLedgerStore.class);
    private static final byte[] OWNER_KEY = "owner".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_PREFIX = "head/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COUNTER_PREFIX = "counter/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OWN_PREFIX = "own/".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    private final RocksDB db;
    private final ColumnFamilyHandle events;
    private final ColumnFamilyHandle blobs;
    private final ColumnFamilyHandle meta;
    private final WriteOptions synced;
    private final WriteOptions buffered;
    /** Everything native to close, in closing order after the database. */
    private final List<RocksObject> resources;
    private final List<ColumnFamilyHandle> handles;
    private final Set<RocksScan> openScans = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
    private boolean closed;

    private RocksLedgerStore(Path dir, RocksDB db, List<ColumnFamilyHandle> handles, List<RocksObject> resources) {
        this.dir = dir;
        this.db = db;
        this.handles = handles;
        this.events = handles.get(1);
        this.blobs = handles.get(2);
        this.meta = handles.get(3);
        this.synced = new WriteOptions().setSync(true);
        this.buffered = new WriteOptions().setSync(false);
        this.resources = new ArrayList<>(resources);
        this.resources.add(0, synced);
        this.resources.add(0, buffered);
    }

    /** Opens (creating if needed) the store in {@code dir}. */
    public static RocksLedgerStore open(Path dir) {
        List<RocksObject> resources = new ArrayList<>();
        try {
            OwnerOnly.createDirectories(dir);
            DBOptions dbOptions = keep(resources, new DBOptions().setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true).setMaxBackgroundJobs(2)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL).setKeepLogFileNum(2).setMaxTotalWalSize(64L << 20)
                    // Only a torn last record (a power cut during a write that never returned) may be dropped:
                    // RocksDB's default would also silently drop every record after damage in the middle of the
                    // log, and a peer would then re-sign sequences it had already published (an equivocation).
                    .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords));
            ColumnFamilyOptions defaults = keep(resources, new ColumnFamilyOptions());
            ColumnFamilyOptions eventOptions = keep(resources, new ColumnFamilyOptions()
                    .setCompressionType(CompressionType.LZ4_COMPRESSION).setWriteBufferSize(16L << 20));
            // Chunks and checkpoints are large: keep them in blob files so compaction does not rewrite them.
            ColumnFamilyOptions blobOptions = keep(resources, new ColumnFamilyOptions()
                    .setWriteBufferSize(16L << 20).setEnableBlobFiles(true).setMinBlobSize(4096)
                    .setEnableBlobGarbageCollection(true));
            ColumnFamilyOptions metaOptions = keep(resources, new ColumnFamilyOptions());
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaults),
                    new ColumnFamilyDescriptor(bytes("events"), eventOptions),
                    new ColumnFamilyDescriptor(bytes("blobs"), blobOptions),
                    new ColumnFamilyDescriptor(bytes("meta"), metaOptions));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            restrict(dir);
            return new RocksLedgerStore(dir, db, handles, resources);
        } catch (RocksDBException | IOException e) {
            resources.forEach(RocksObject::close);
            throw new StoreException("cannot open the ledger in " + dir + ": " + e.getMessage(),
                    e instanceof RocksDBException rocks ? problemOf(rocks) : StoreException.Problem.OTHER, e);
        }
    }

    @Override
    public void append(List<Event> batch, Map<PeerId, ChainHead> heads, boolean sync) {
        withOpen(() -> {
            try (WriteBatch write = new WriteBatch()) {
                for (Event event : batch) {
                    write.put(events, EventKeys.key(event.origin().bytes(), event.sequence()), event.encoded());
                }
                for (Map.Entry<PeerId, ChainHead> head : heads.entrySet()) {
                    write.put(meta, headKey(head.getKey()), head.getValue().encode());
                }
                db.write(sync ? synced : buffered, write);
            }
            return null;
        });
    }

    @Override
    public Optional<byte[]> event(PeerId origin, long sequence) {
        return withOpen(() -> Optional.ofNullable(db.get(events, EventKeys.key(origin.bytes(), sequence))));
    }

    @Override
    public Scan scan(PeerId origin, long from, long to) {
        byte[] originBytes = origin.bytes();
        return newScan(EventKeys.key(originBytes, from),
                key -> EventKeys.hasOrigin(key, originBytes) && EventKeys.sequence(key) <= to);
    }

    @Override
    public Scan scanAll() {
        return newScan(null, key -> true);
    }

    @Override
    public Map<PeerId, ChainHead> heads() {
        return withOpen(() -> {
            Map<PeerId, ChainHead> heads = new TreeMap<>();
            try (RocksIterator it = db.newIterator(meta)) {
                for (it.seek(HEAD_PREFIX); it.isValid() && startsWith(it.key(), HEAD_PREFIX); it.next()) {
                    byte[] key = it.key();
                    heads.put(PeerId.fromBytes(Arrays.copyOfRange(key, HEAD_PREFIX.length, key.length)),
                            ChainHead.decode(it.value()));
                }
                it.status();
            }
            return heads;
        });
    }

    @Override
    public Optional<PeerId> owner() {
        return withOpen(() -> Optional.ofNullable(db.get(meta, OWNER_KEY)).map(PeerId::fromBytes));
    }

    @Override
    public void recordOwner(PeerId owner) {
        withOpen(() -> {
            db.put(meta, synced, OWNER_KEY, owner.bytes());
            return null;
        });
    }

    @Override
    public void putBlob(Sha256 hash, byte[] content) {
        withOpen(() -> {
            db.put(blobs, buffered, hash.bytes(), content);
            return null;
        });
    }

    @Override
    public Optional<byte[]> blob(Sha256 hash) {
        return withOpen(() -> Optional.ofNullable(db.get(blobs, hash.bytes())));
    }

    @Override
    public boolean hasBlob(Sha256 hash) {
        return withOpen(() -> db.keyExists(blobs, hash.bytes()));
    }

    @Override
    public List<Sha256> blobHashes() {
        return withOpen(() -> {
            List<Sha256> hashes = new ArrayList<>();
            try (RocksIterator it = db.newIterator(blobs)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    hashes.add(Sha256.fromBytes(it.key()));
                }
                it.status();
            }
            return hashes;
        });
    }

    @Override
    public long deleteBlobs(Collection<Sha256> hashes) {
        return withOpen(() -> {
            long freed = 0;
            try (WriteBatch write = new WriteBatch()) {
                for (Sha256 hash : hashes) {
                    byte[] content = db.get(blobs, hash.bytes());
                    if (content != null) {
                        freed += content.length;
                        write.delete(blobs, hash.bytes());
                    }
                }
                db.write(buffered, write);
            }
            return freed;
        });
    }

    @Override
    public Map<StrategyId, Sha256> ownDigests() {
        return withOpen(() -> {
            Map<StrategyId, Sha256> digests = new TreeMap<>();
            try (RocksIterator it = db.newIterator(meta)) {
                for (it.seek(OWN_PREFIX); it.isValid() && startsWith(it.key(), OWN_PREFIX); it.next()) {
                    ByteBuffer key = ByteBuffer.wrap(it.key(), OWN_PREFIX.length, it.key().length - OWN_PREFIX.length);
                    byte[] reporter = new byte[PeerId.BYTES];
                    key.get(reporter);
                    digests.put(new StrategyId(PeerId.fromBytes(reporter), key.getLong()), Sha256.fromBytes(it.value()));
                }
                it.status();
            }
            return digests;
        });
    }

    @Override
    public void putOwnDigest(StrategyId strategy, Sha256 digest) {
        withOpen(() -> {
            byte[] key = ByteBuffer.allocate(OWN_PREFIX.length + PeerId.BYTES + Long.BYTES).put(OWN_PREFIX)
                    .put(strategy.reporter().bytes()).putLong(strategy.sequence()).array();
            db.put(meta, buffered, key, digest.bytes());
            return null;
        });
    }

    @Override
    public Map<String, Long> counters() {
        return withOpen(() -> {
            Map<String, Long> counters = new TreeMap<>();
            try (RocksIterator it = db.newIterator(meta)) {
                for (it.seek(COUNTER_PREFIX); it.isValid() && startsWith(it.key(), COUNTER_PREFIX); it.next()) {
                    byte[] key = it.key();
                    counters.put(new String(key, COUNTER_PREFIX.length, key.length - COUNTER_PREFIX.length,
                            StandardCharsets.UTF_8), ByteBuffer.wrap(it.value()).getLong());
                }
                it.status();
            }
            return counters;
        });
    }

    @Override
    public void putCounters(Map<String, Long> counters) {
        withOpen(() -> {
            try (WriteBatch write = new WriteBatch()) {
                for (Map.Entry<String, Long> counter : counters.entrySet()) {
                    write.put(meta, concat(COUNTER_PREFIX, bytes(counter.getKey())),
                            ByteBuffer.allocate(Long.BYTES).putLong(counter.getValue()).array());
                }
                db.write(buffered, write);
            }
            return null;
        });
    }

    @Override
    public long sizeBytes() {
        return withOpen(() -> {
            long total = 0;
            for (ColumnFamilyHandle handle : handles) {
                total += db.getLongProperty(handle, "rocksdb.total-sst-files-size");
                total += db.getLongProperty(handle, "rocksdb.total-blob-file-size");
                total += db.getLongProperty(handle, "rocksdb.cur-size-all-mem-tables");
            }
            return total;
        });
    }

    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            new ArrayList<>(openScans).forEach(scan -> scan.closeNative(true));
            handles.forEach(ColumnFamilyHandle::close);
            try {
                db.syncWal();
            } catch (RocksDBException e) {
                // closing anyway: synced appends are already durable
            }
            db.close();
            resources.forEach(RocksObject::close);
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "RocksDB ledger in " + dir;
    }

    private Scan newScan(byte[] start, Predicate<byte[]> inRange) {
        return withOpen(() -> {
            RocksScan scan = new RocksScan(db.newIterator(events), start, inRange);
            synchronized (openScans) {
                openScans.add(scan);
            }
            return scan;
        });
    }

    private <T> T withOpen(RocksCall<T> call) {
        closeLock.readLock().lock();
        try {
            if (closed) {
                throw new StoreException(this + " is closed");
            }
            return call.run();
        } catch (RocksDBException e) {
            throw new StoreException(this + ": " + e.getMessage(), problemOf(e), e);
        } finally {
            closeLock.readLock().unlock();
        }
    }

    @FunctionalInterface
    private interface RocksCall<T> {
        T run() throws RocksDBException;
    }

    /** An iterator over event values; reads ahead one entry so {@link #hasNext()} is exact. */
    private final class RocksScan implements Scan {
        private final RocksIterator iterator;
        private final Predicate<byte[]> inRange;
        private boolean nativeClosed;
        /** Set when the store closed under the scan: its end is unknown, so it must not look finished. */
        private boolean interrupted;
        private byte[] next;

        RocksScan(RocksIterator iterator, byte[] start, Predicate<byte[]> inRange) {
            this.iterator = iterator;
            this.inRange = inRange;
            if (start == null) {
                iterator.seekToFirst();
            } else {
                iterator.seek(start);
            }
            this.next = current();
        }

        @Override
        public boolean hasNext() {
            if (interrupted) {
                throw new StoreException(RocksLedgerStore.this + " was closed during a scan");
            }
            return next != null;
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            byte[] value = next;
            next = withOpen(() -> {
                if (nativeClosed) {
                    throw new StoreException("scan used after close");
                }
                iterator.next();
                return current();
            });
            return value;
        }

        private byte[] current() {
            if (!iterator.isValid()) {
                try {
                    iterator.status();
                } catch (RocksDBException e) {
                    throw new StoreException("scan of " + dir + " failed: " + e.getMessage(), problemOf(e), e);
                }
                return null;
            }
            return inRange.test(iterator.key()) ? iterator.value() : null;
        }

        @Override
        public void close() {
            closeLock.readLock().lock();
            try {
                closeNative(false);
            } finally {
                closeLock.readLock().unlock();
            }
        }

        void closeNative(boolean byStore) {
            synchronized (openScans) {
                if (!nativeClosed) {
                    nativeClosed = true;
                    interrupted = byStore;
                    next = null;
                    iterator.close();
                    openScans.remove(this);
                }
            }
        }
    }

    /**
     * RocksDB creates its files with the process's default mode (often world-readable): those it has now become
     * owner-only; the directory itself is, so files it creates later are not reachable by others either.
     */
    private static void restrict(Path dir) {
        try {
            OwnerOnly.restrict(dir);
        } catch (IOException e) {
            LOG.warn("cannot make the ledger files in {} owner-only: {}", dir, e.toString());
        }
    }

    /** What a RocksDB failure means for the caller: a full disk, damaged files, a database open elsewhere. */
    static StoreException.Problem problemOf(RocksDBException e) {
        Status status = e.getStatus();
        if (status == null) {
            return StoreException.Problem.OTHER;
        }
        if (status.getSubCode() == Status.SubCode.NoSpace) {
            return StoreException.Problem.NO_SPACE;
        }
        if (status.getCode() == Status.Code.Corruption) {
            return StoreException.Problem.CORRUPT;
        }
        String state = String.valueOf(status.getState());
        if (status.getCode() == Status.Code.IOError && (state.contains("/LOCK") || state.contains("lock hold"))) {
            return StoreException.Problem.IN_USE; // "While lock file: <dir>/LOCK: Resource temporarily unavailable"
        }
        return StoreException.Problem.OTHER;
    }

    private static <T extends RocksObject> T keep(List<RocksObject> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    private static byte[] headKey(PeerId origin) {
        return concat(HEAD_PREFIX, origin.bytes());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
