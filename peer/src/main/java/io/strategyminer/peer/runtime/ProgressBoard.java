package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.Topic;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live progress of the running work units of the whole view, for the dashboard and {@code submit --follow}:
 * each peer broadcasts the progress of its own units every few seconds ({@link #TOPIC}); the board keeps each
 * peer's latest report and forgets it after {@link #EXPIRY} or when the peer leaves the view.
 *
 * <p>Wire form: count (int32, ≤ {@link #MAX_UNITS}), then per unit: search id (int16 length + UTF-8),
 * unit, generation, generations (int32 each), best fitness (IEEE-754 double, NaN = none yet).
 */
@Singleton
public final class ProgressBoard {
    public static final Topic TOPIC = new Topic(5, "progress");
    /** A peer's report is dropped this long after it arrived (a peer that stopped reporting runs nothing). */
    public static final Duration EXPIRY = Duration.ofSeconds(10);
    static final int MAX_UNITS = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ProgressBoard.class);

    private final ClusterNode node;
    private final Map<PeerId, List<UnitProgress>> byPeer = new ConcurrentHashMap<>();

    @Inject
    public ProgressBoard(ClusterNode node) {
        this.node = node;
    }

    /** Starts keeping the others' reports. */
    public void listen() {
        node.onMessage(TOPIC, this::received);
        node.onViewChange(change -> change.left().forEach(member -> {
            try {
                byPeer.remove(PeerId.parse(member.name()));
            } catch (IllegalArgumentException e) {
                // not a peer runtime: it never reported
            }
        }));
    }

    /** Records this peer's own units and broadcasts them (an empty list clears them on the others). */
    public void publish(PeerId self, List<UnitProgress> own) {
        byPeer.put(self, List.copyOf(own));
        try {
            node.broadcast(TOPIC, encode(own));
        } catch (RuntimeException e) {
            LOG.debug("progress not broadcast: {}", e.getMessage()); // transient by nature: the next one follows
        }
    }

    /** Every unit reported in the last {@link #EXPIRY}, in {@link UnitProgress#ORDER}. */
    public List<UnitProgress> current(long nowMillis) {
        List<UnitProgress> out = new ArrayList<>();
        for (List<UnitProgress> units : byPeer.values()) {
            for (UnitProgress unit : units) {
                if (nowMillis - unit.receivedMillis() <= EXPIRY.toMillis()) {
                    out.add(unit);
                }
            }
        }
        out.sort(UnitProgress.ORDER);
        return out;
    }

    private void received(ClusterMember from, byte[] payload) {
        try {
            PeerId peer = PeerId.parse(from.name());
            byPeer.put(peer, decode(peer, payload, System.currentTimeMillis()));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring bad progress from {}: {}", from, e.getMessage());
        }
    }

    static byte[] encode(List<UnitProgress> units) {
        if (units.size() > MAX_UNITS) {
            throw new IllegalArgumentException(units.size() + " units exceed the progress limit of " + MAX_UNITS);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(units.size());
            for (UnitProgress unit : units) {
                byte[] id = unit.searchId().getBytes(StandardCharsets.UTF_8);
                out.writeShort(id.length);
                out.write(id);
                out.writeInt(unit.unit());
                out.writeInt(unit.generation());
                out.writeInt(unit.generations());
                out.writeDouble(unit.bestFitness());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static List<UnitProgress> decode(PeerId peer, byte[] payload, long receivedMillis) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            int count = in.getInt();
            if (count < 0 || count > MAX_UNITS) {
                throw new IllegalArgumentException("progress claims " + count + " units (limit " + MAX_UNITS + ")");
            }
            List<UnitProgress> units = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.getShort() & 0xffff;
                if (length > in.remaining()) {
                    throw new IllegalArgumentException("progress search id of " + length + " bytes, " + in.remaining() + " left");
                }
                byte[] id = new byte[length];
                in.get(id);
                units.add(new UnitProgress(peer, new String(id, StandardCharsets.UTF_8), in.getInt(), in.getInt(),
                        in.getInt(), in.getDouble(), receivedMillis));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " unexpected bytes after the progress");
            }
            return units;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("progress message is truncated", e);
        }
    }
}
