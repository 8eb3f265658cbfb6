package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.LedgerCorruptedException;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.store.RocksLedgerStore;
import io.strategyminer.ledger.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer never starts a fresh chain under an identity that has run before (DESIGN §8): its peers hold its real
 * chain and would refuse the new one for ever (BROKEN_CHAIN, CONFLICT), and its own history would never come back.
 * At start, from the data dir alone:
 * <ul>
 *   <li>no identity file: a new peer, unless a ledger is there (its identity was lost: refused);</li>
 *   <li>an identity that has run before and a ledger that is missing (no directory, or an empty one), that does
 *       not open or verify (a damaged .sst, a truncated MANIFEST: {@link LedgerCorruptedException}), or that lost
 *       its owner record and holds none of this peer's events (its files were emptied): refused with what to do,
 *       or with {@code --rebuild-from-peers} set aside as {@code ledger.broken-<UTC time>} (never deleted) and
 *       replaced by an empty ledger, which {@link OwnChainRecovery} fills from the others;</li>
 *   <li>a ledger open in another process, a full disk, a ledger of another peer: refused, never set aside;</li>
 *   <li>a rebuild that did not finish ({@value #REBUILDING} in the data dir, written before the ledger is touched,
 *       removed once {@link OwnChainRecovery} has the chain back): refused, since part of a chain must not pass for
 *       the whole; {@code --rebuild-from-peers} goes on with it.</li>
 * </ul>
 * A ledger that opens, verifies and records this peer as its owner is used as it is, even if it holds no event of
 * this peer yet: appends are synced, so an intact ledger holds every event this peer ever signed (a first start
 * stopped before its announcement signed nothing).
 */
final class HistoryGuard {
    static final String LEDGER = "ledger";
    static final String SET_ASIDE_PREFIX = "ledger.broken-";
    /** Present in the data dir while a rebuild from peers has not finished. */
    static final String REBUILDING = "ledger.rebuilding";
    private static final DateTimeFormatter SET_ASIDE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(HistoryGuard.class);

    private HistoryGuard() {
    }

    /** This peer's identity, and whether its file was there before this start (then it may have signed events). */
    record StartingIdentity(PeerIdentity identity, boolean ranBefore) {
    }

    /**
     * The ledger to run on.
     *
     * @param setAside   where {@code --rebuild-from-peers} moved a damaged ledger
     * @param rebuilding the ledger is incomplete until {@link OwnChainRecovery} has this peer's chain back; then
     *                   {@link #rebuilt(Path)}
     */
    record OpenedLedger(Ledger ledger, Optional<Path> setAside, boolean rebuilding) {
    }

    /**
     * Loads the identity, or creates one for a new peer; refuses a ledger without its identity, and a rebuild of a
     * peer that never ran (before creating anything).
     */
    static StartingIdentity identity(PeerSettings settings) {
        Path dataDir = settings.dataDir();
        boolean ranBefore = Files.exists(dataDir.resolve(PeerIdentity.FILE_NAME));
        if (!ranBefore && settings.rebuildFromPeers().isPresent()) {
            throw new StartRefusedException("--rebuild-from-peers: " + dataDir + " holds no " + PeerIdentity.FILE_NAME
                    + " file, so this is a new peer with no history to rebuild: start it without --rebuild-from-peers"
                    + " (or put back the identity file of the peer to rebuild).");
        }
        if (!ranBefore && !isEmpty(dataDir.resolve(LEDGER))) {
            throw new StartRefusedException("The data dir " + dataDir + " holds a ledger but no "
                    + PeerIdentity.FILE_NAME + " file: only the identity that signed its events can continue them."
                    + " Put that peer's " + PeerIdentity.FILE_NAME + " file back (from a backup), or start a new peer"
                    + " with another --data-dir.");
        }
        try {
            return new StartingIdentity(PeerIdentity.loadOrCreate(dataDir), ranBefore);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the peer identity in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Opens the ledger in {@code dataDir/ledger}, refusing or (with {@code --rebuild-from-peers}) replacing a lost one. */
    static OpenedLedger ledger(PeerSettings settings, StartingIdentity identity) {
        Path dir = settings.dataDir().resolve(LEDGER);
        if (!identity.ranBefore()) { // a new peer (identity() refused a rebuild of it)
            return new OpenedLedger(Ledger.open(dir, identity.identity()), Optional.empty(), false);
        }
        if (isEmpty(dir)) {
            return replace(settings, identity, "is missing (" + dir + " does not exist or is empty)", false);
        }
        Ledger ledger;
        try {
            ledger = openExisting(dir, identity.identity());
        } catch (Damaged e) {
            LOG.debug("the ledger in {} is unusable", dir, e);
            return replace(settings, identity, e.getMessage(), true);
        }
        boolean unfinished = Files.exists(settings.dataDir().resolve(REBUILDING));
        if (unfinished && settings.rebuildFromPeers().isEmpty()) {
            ledger.close(); // what it holds came from the peers: nothing to keep
            throw refused(dir, identity, "is incomplete: a rebuild from peers started and did not finish ("
                    + REBUILDING + " is still in " + settings.dataDir() + ")", false);
        }
        return new OpenedLedger(ledger, Optional.empty(), unfinished); // an unfinished rebuild goes on
    }

    /** A lost ledger: refused, or with {@code --rebuild-from-peers} set aside and replaced by an empty one. */
    private static OpenedLedger replace(PeerSettings settings, StartingIdentity identity, String damage,
                                        boolean damagedFiles) {
        Path dir = settings.dataDir().resolve(LEDGER);
        if (settings.rebuildFromPeers().isEmpty()) {
            throw refused(dir, identity, damage, damagedFiles);
        }
        markRebuilding(settings.dataDir());
        Optional<Path> setAside = setAside(dir, Instant.now());
        setAside.ifPresent(aside -> LOG.warn("the ledger {}; it was moved to {}", damage, aside));
        return new OpenedLedger(Ledger.open(dir, identity.identity()), setAside, true);
    }

    private static StartRefusedException refused(Path dir, StartingIdentity identity, String damage,
                                                 boolean damagedFiles) {
        return new StartRefusedException("The ledger in " + dir + " " + damage + ", but the identity in this data dir"
                + " (peer " + identity.identity().peerId() + ") has run before: a fresh chain would fork its history."
                + " Restore the ledger from a backup, or run `peer start --rebuild-from-peers` to recover this peer's"
                + " history from its cluster" + (damagedFiles ? " (the damaged files are kept as " + SET_ASIDE_PREFIX
                + "<time>)" : "") + ", or start a new peer with another --data-dir.");
    }

    /**
     * Ends a rebuild: this peer's chain is back, its next append continues it. Until then the marker makes any
     * start refuse (or, with {@code --rebuild-from-peers}, resume the rebuild): a ledger holding part of this peer's
     * chain, or none of it, must not be mistaken for a complete one.
     */
    static void rebuilt(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(REBUILDING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dataDir.resolve(REBUILDING) + ": " + e.getMessage(), e);
        }
    }

    private static void markRebuilding(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve(REBUILDING), "strategy-miner: this peer's ledger is being rebuilt from"
                    + " its peers (peer start --rebuild-from-peers); until that ends the ledger is incomplete.\n");
        } catch (IOException e) {
            throw new StartRefusedException("--rebuild-from-peers: cannot write " + dataDir.resolve(REBUILDING) + " ("
                    + e + "): nothing was changed.", e);
        }
    }

    /** Opens a ledger that has files: the ledger if it is this peer's and intact, else why not. */
    private static Ledger openExisting(Path dir, PeerIdentity identity) throws Damaged {
        RocksLedgerStore store;
        try {
            store = RocksLedgerStore.open(dir);
        } catch (StoreException e) {
            throw unusable(dir, e);
        }
        PeerId self = identity.peerId();
        try {
            Optional<PeerId> owner = store.owner();
            if (owner.isPresent() && !owner.get().equals(self)) {
                throw new StartRefusedException("The ledger in " + dir + " belongs to peer " + owner.get() + ", but the"
                        + " identity in this data dir is peer " + self + ": put that peer's " + PeerIdentity.FILE_NAME
                        + " file back, or start a new peer with another --data-dir.");
            }
            // the owner is recorded (synced) before the first append: a ledger without it lost its files
            if (owner.isEmpty() && !store.heads().containsKey(self)) {
                throw new Damaged("holds none of this peer's events and no owner (its files were emptied or replaced)",
                        null);
            }
        } catch (StoreException e) {
            store.close();
            throw unusable(dir, e);
        } catch (RuntimeException | Damaged e) {
            store.close();
            throw e;
        }
        try {
            return Ledger.open(store, identity); // closes the store if it fails
        } catch (LedgerCorruptedException e) {
            throw new Damaged("is corrupt (" + detail(e) + ")", e);
        } catch (StoreException e) {
            throw unusable(dir, e);
        }
    }

    /** A store failure: damaged files are {@link Damaged}; a lock, a full disk or an I/O error refuse the start. */
    private static Damaged unusable(Path dir, StoreException e) {
        switch (e.problem()) {
            case CORRUPT:
                return new Damaged("is corrupt (" + detail(e) + ")", e);
            case IN_USE:
                throw new StartRefusedException("The ledger in " + dir + " is open in another process: is a peer"
                        + " already running on this data dir? Stop it first.", e);
            case NO_SPACE:
                throw new StartRefusedException("The ledger in " + dir + " cannot be opened: the disk is full ("
                        + detail(e) + "). Free space on it and start again.", e);
            default:
                throw new StartRefusedException("The ledger in " + dir + " cannot be opened (" + detail(e) + ").", e);
        }
    }

    /** Renames a damaged ledger to {@code ledger.broken-<UTC time>} beside it; an empty directory is just removed. */
    private static Optional<Path> setAside(Path dir, Instant now) {
        try {
            if (isEmpty(dir)) {
                Files.deleteIfExists(dir);
                return Optional.empty();
            }
            Path target = dir.resolveSibling(SET_ASIDE_PREFIX + SET_ASIDE_TIME.format(now));
            for (int n = 2; Files.exists(target); n++) {
                target = dir.resolveSibling(SET_ASIDE_PREFIX + SET_ASIDE_TIME.format(now) + "-" + n);
            }
            return Optional.of(Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE));
        } catch (IOException e) {
            throw new StartRefusedException("--rebuild-from-peers: could not set the damaged ledger " + dir
                    + " aside (" + e + "); move it away yourself and start again.", e);
        }
    }

    /** What the storage engine said, without the wrappers' prefixes and trailing dots (it goes inside a sentence). */
    private static String detail(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).strip().replaceAll("[.\\s]+$", "").replaceAll("\\s{2,}", "; ");
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return !Files.exists(dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Why a ledger with files cannot be used as it is: replaced by {@code --rebuild-from-peers}, else refused. */
    private static final class Damaged extends Exception {
        Damaged(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
