package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.Topic;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each other member's wall clock is from this peer's, for {@code peer doctor} and the cluster page.
 * Events carry no time, so each peer broadcasts its clock every {@link #PERIOD} ({@link #TOPIC}: 8 bytes, unix
 * milliseconds) and a receiver keeps {@code their clock − its clock at arrival}. The figure includes the one-way
 * delivery delay (milliseconds on a LAN, tens on a VPN), so it is good to a fraction of a second: enough to see a
 * machine whose clock is seconds off, which matters because lease deadlines are wall-clock times that the next
 * coordinator judges by its own clock. Nothing decides on these figures; a member's claim is only displayed.
 */
@Singleton
public final class PeerClocks {
    public static final Topic TOPIC = new Topic(6, "clock");
    public static final Duration PERIOD = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(PeerClocks.class);

    private final ClusterNode node;
    private final LongSupplier clock;
    private final Map<PeerId, Long> offsets = new ConcurrentHashMap<>();

    @Inject
    public PeerClocks(ClusterNode node) {
        this(node, System::currentTimeMillis);
    }

    PeerClocks(ClusterNode node, LongSupplier clock) {
        this.node = node;
        this.clock = clock;
    }

    /** Starts measuring the others' clocks; a member that leaves is forgotten. */
    public void listen() {
        node.onMessage(TOPIC, this::received);
        node.onViewChange(change -> change.left().forEach(member -> {
            try {
                offsets.remove(PeerId.parse(member.name()));
            } catch (IllegalArgumentException e) {
                // not a peer runtime: never measured
            }
        }));
    }

    /** Broadcasts this peer's clock to the view. */
    public void publish() {
        try {
            node.broadcast(TOPIC, encode(clock.getAsLong()));
        } catch (RuntimeException e) {
            LOG.debug("clock not broadcast: {}", e.getMessage()); // the next one follows in PERIOD
        }
    }

    /** {@code peer}'s clock minus this peer's at its last broadcast, in ms; empty if none arrived while it is in view. */
    public OptionalLong offsetMillis(PeerId peer) {
        Long offset = offsets.get(peer);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    private void received(ClusterMember from, byte[] payload) {
        long now = clock.getAsLong();
        try {
            offsets.put(PeerId.parse(from.name()), decode(payload) - now);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a bad clock message from {}: {}", from, e.getMessage());
        }
    }

    static byte[] encode(long millis) {
        return ByteBuffer.allocate(Long.BYTES).putLong(millis).array();
    }

    static long decode(byte[] payload) {
        if (payload.length != Long.BYTES) {
            throw new IllegalArgumentException("a clock message is " + Long.BYTES + " bytes, got " + payload.length);
        }
        long millis = ByteBuffer.wrap(payload).getLong();
        if (millis <= 0) {
            throw new IllegalArgumentException("a clock of " + millis + " ms is before 1970");
        }
        return millis;
    }
}
