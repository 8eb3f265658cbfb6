package io.strategyminer.peer.sync;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.ledger.DeltaCursor;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.peer.security.ClusterSecret;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Signed event chains for sync tests: per origin, its announcement then work leases (a realistic
 * small event, ~300 bytes). Signing is slow (~1,300 per second per core), so chains are made once per
 * JVM and shared read-only.
 */
final class SyncFixtures {
    static final ClusterSecret SECRET = ClusterSecret.generate(new SecureRandom());
    private static final ConcurrentHashMap<String, List<List<Event>>> CHAINS = new ConcurrentHashMap<>();

    private SyncFixtures() {
    }

    /** {@code origins} chains of {@code eventsPerOrigin} events each, the same for equal arguments in one JVM. */
    static List<List<Event>> chains(int origins, int eventsPerOrigin) {
        return CHAINS.computeIfAbsent(origins + "x" + eventsPerOrigin, key -> IntStream.range(0, origins)
                .parallel()
                .mapToObj(origin -> chain(origin, eventsPerOrigin))
                .collect(Collectors.toList()));
    }

    private static List<Event> chain(int origin, int events) {
        PeerIdentity identity = PeerIdentity.generate();
        List<Event> chain = new ArrayList<>(events);
        Sha256 previous = Sha256.ZERO;
        for (long sequence = 1; sequence <= events; sequence++) {
            Payload payload = sequence == 1
                    ? PeerAnnounced.of(identity, "peer-" + origin, MachineId.fromSystemId("machine-" + origin), 4,
                    5_000.0, EngineVersion.CURRENT)
                    : new LeaseGranted("search-" + origin, (int) (sequence % 1_000), identity.peerId(), sequence,
                    1_700_000_000_000L + sequence, LeaseKind.WORK, null);
            Event event = Event.sign(identity.peerId(), sequence, previous, sequence, payload, identity);
            chain.add(event);
            previous = event.hash();
        }
        return chain;
    }

    /**
     * Makes {@code blob} a checkpoint that peers keep: the holder ({@code identity}'s ledger) announces itself if it
     * has not, grants itself a work lease of a unit and saves the blob as that unit's checkpoint; {@code lacker} gets
     * those events (not the blob). Returns the blob's name.
     */
    static Sha256 keptCheckpoint(Ledger holder, PeerIdentity identity, Ledger lacker, byte[] blob, long declaredSize) {
        if (holder.versionVector().get(identity.peerId()) == 0) {
            holder.append(PeerAnnounced.of(identity, "holder", MachineId.fromSystemId("holder-machine"), 2, 1_000.0,
                    EngineVersion.CURRENT));
        }
        int unit = (int) holder.versionVector().get(identity.peerId());
        holder.append(new LeaseGranted("kept", unit, identity.peerId(), 1, 1_700_000_000_000L, LeaseKind.WORK, null));
        Sha256 hash = holder.putBlob(blob);
        holder.append(new CheckpointSaved("kept", unit, 1, hash, declaredSize));
        try (DeltaCursor delta = holder.delta(lacker.versionVector())) {
            delta.forEachRemaining(lacker::applyBatch);
        }
        return hash;
    }

    /** Stores {@code events} (each origin's in order) as catch-up batches of 1,000. */
    static void load(Ledger ledger, List<Event> events) {
        for (int from = 0; from < events.size(); from += 1_000) {
            ledger.applyBatch(events.subList(from, Math.min(events.size(), from + 1_000)));
        }
    }

    static List<Event> all(List<List<Event>> chains) {
        List<Event> all = new ArrayList<>();
        chains.forEach(all::addAll);
        return all;
    }
}
