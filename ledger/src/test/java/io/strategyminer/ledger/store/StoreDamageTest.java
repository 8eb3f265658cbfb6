package io.strategyminer.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.data.store.OwnerOnly;
import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.LedgerCorruptedException;
import io.strategyminer.ledger.Scenario;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged ledger files are named as such ({@link LedgerCorruptedException}, {@link StoreException.Problem#CORRUPT}),
 * apart from a database another store holds open and a full disk, so that a peer can say what happened and what to
 * do; and the store keeps its directory and files owner-only. (A disk that really fills up: the peer module's
 * {@code TmpfsDiskTest}.)
 */
class StoreDamageTest {
    private final PeerIdentity me = PeerIdentity.generate();

    @TempDir
    Path dir;

    /** A ledger with 101 events of its owner, written to a table file (.sst) by a second open. */
    private Path ledgerWithTables() {
        Path ledger = dir.resolve("ledger");
        try (Ledger written = Ledger.open(ledger, me)) {
            written.append(Fixtures.announce(me, Scenario.M1, 2));
            for (int i = 0; i < 100; i++) {
                written.append(Fixtures.search("s" + i, 1, 1, false));
            }
        }
        try (Ledger reopened = Ledger.open(ledger, me)) {
            assertEquals(101, reopened.versionVector().get(me.peerId())); // recovering the log wrote the tables
        }
        return ledger;
    }

    /** The largest file in {@code dir} whose name matches. */
    private static Path largest(Path dir, Predicate<String> name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> name.test(f.getFileName().toString()))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }

    @Test
    void damageInTheMiddleOfTheWriteAheadLogIsACorruptLedgerNotAShorterOne() throws IOException {
        Path ledger = dir.resolve("ledger");
        try (Ledger written = Ledger.open(ledger, me)) {
            written.append(Fixtures.announce(me, Scenario.M1, 2));
            for (int i = 0; i < 100; i++) {
                written.append(Fixtures.search("s" + i, 1, 1, false));
            }
        } // closed without a flush: the events are in the log only, as after a kill -9
        Path log = largest(ledger, n -> n.endsWith(".log") && !n.startsWith("LOG"));
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[4096]), channel.size() / 3);
        }
        // Dropping the records after the damage would hand the peer a chain shorter than the one it published,
        // and it would sign those sequences again with other events.
        LedgerCorruptedException e = assertThrows(LedgerCorruptedException.class, () -> Ledger.open(ledger, me));
        assertEquals(StoreException.Problem.CORRUPT, ((StoreException) e.getCause()).problem());
    }

    @Test
    void overwrittenBytesInATableAreACorruptLedger() throws IOException {
        Path ledger = ledgerWithTables();
        Path events = largest(ledger, n -> n.endsWith(".sst")); // the largest table holds the events
        try (FileChannel channel = FileChannel.open(events, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[64]), channel.size() / 2);
        }
        LedgerCorruptedException e = assertThrows(LedgerCorruptedException.class, () -> Ledger.open(ledger, me));
        assertTrue(e.getMessage().contains(events.getFileName().toString()), e.getMessage());
        assertEquals(StoreException.Problem.CORRUPT, ((StoreException) e.getCause()).problem());
    }

    @Test
    void aTruncatedManifestOrAMissingTableIsCorrupt() throws IOException {
        Path ledger = ledgerWithTables();
        Path manifest = largest(ledger, n -> n.startsWith("MANIFEST"));
        try (FileChannel channel = FileChannel.open(manifest, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 3);
        }
        assertEquals(StoreException.Problem.CORRUPT,
                assertThrows(StoreException.class, () -> RocksLedgerStore.open(ledger)).problem());

        Fixtures.deleteTree(ledger);
        Path again = ledgerWithTables();
        Files.delete(largest(again, n -> n.endsWith(".sst")));
        assertEquals(StoreException.Problem.CORRUPT,
                assertThrows(StoreException.class, () -> RocksLedgerStore.open(again)).problem());
    }

    @Test
    void aLedgerOpenInAnotherStoreIsInUseNotCorrupt() {
        Path ledger = dir.resolve("ledger");
        try (RocksLedgerStore open = RocksLedgerStore.open(ledger)) {
            StoreException e = assertThrows(StoreException.class, () -> RocksLedgerStore.open(ledger));
            assertEquals(StoreException.Problem.IN_USE, e.problem());
        }
    }

    @Test
    void rocksDbFailuresAreClassifiedByTheirStatus() {
        assertEquals(StoreException.Problem.NO_SPACE, RocksLedgerStore.problemOf(new RocksDBException(
                "While appending to file: /d/000004.log: No space left on device",
                new Status(Status.Code.IOError, Status.SubCode.NoSpace, "While appending to file"))));
        assertEquals(StoreException.Problem.CORRUPT, RocksLedgerStore.problemOf(new RocksDBException("block checksum",
                new Status(Status.Code.Corruption, Status.SubCode.None, "block checksum mismatch"))));
        assertEquals(StoreException.Problem.IN_USE, RocksLedgerStore.problemOf(new RocksDBException("lock",
                new Status(Status.Code.IOError, Status.SubCode.None,
                        "While lock file: /d/LOCK: Resource temporarily unavailable"))));
        assertEquals(StoreException.Problem.OTHER, RocksLedgerStore.problemOf(new RocksDBException("io",
                new Status(Status.Code.IOError, Status.SubCode.None, "While open a file: Permission denied"))));
        assertEquals(StoreException.Problem.OTHER, RocksLedgerStore.problemOf(new RocksDBException("no status")));
    }

    @Test
    void theDirectoryIsOwnerOnlyAndTheFilesFoundAtOpeningToo() throws IOException {
        Path ledger = ledgerWithTables();
        try (Stream<Path> files = Files.list(ledger)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(ledger, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Path> before;
        try (Stream<Path> files = Files.list(ledger)) {
            before = files.toList();
        }
        try (RocksLedgerStore store = RocksLedgerStore.open(ledger)) {
            assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(ledger));
            for (Path file : before) {
                if (Files.exists(file)) {
                    assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(file), file.toString());
                }
            }
        }
        Path fresh = dir.resolve("a").resolve("b");
        RocksLedgerStore.open(fresh).close();
        assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(fresh));
        assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(fresh.getParent()));
    }
}
