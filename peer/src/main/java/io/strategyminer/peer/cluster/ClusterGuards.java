package io.strategyminer.peer.cluster;

import io.strategyminer.peer.net.ConnectionLimit;
import io.strategyminer.peer.net.WarningBudget;
import io.strategyminer.peer.security.ClusterSecret;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks one peer's JGroups stack applies before JGroups allocates anything for what arrives (DESIGN §8):
 * the frame seals and limits of each port, and the counters of what they refused. A flood is reported in the
 * log at most once a minute (with the totals so far), never line by line.
 */
final class ClusterGuards {
    /** An accepted TCP connection must deliver a sealed frame within this time. */
    static final Duration PROOF_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterGuards.class);

    /**
     * What one listening port accepts.
     *
     * @param name          how the log names the port
     * @param seal          every frame on the port ends in this seal (its own key: frames of one port are
     *                      refused by the other)
     * @param connections   how many accepted connections it holds at once
     * @param maxFrameBytes the longest frame it reads (seal included); a longer announced length closes the
     *                      connection before anything is allocated
     */
    record Port(String name, FrameSeal seal, ConnectionLimit connections, int maxFrameBytes) {
    }

    /** The JGroups port: TCP frames (with seeds) or datagrams (LAN). A bundle of messages is at most 64,000 bytes. */
    final Port transport;
    /** The failure-detection (FD_SOCK2) port: a frame is a header naming the cluster and a member. */
    final Port failureDetection;
    private final AtomicLong refusedFrames = new AtomicLong();
    private final AtomicLong closedUnproven = new AtomicLong();
    private final AtomicLong refusedFragments = new AtomicLong();
    private final WarningBudget warnings = new WarningBudget(LOG, 1, Duration.ofMinutes(1));

    ClusterGuards(ClusterSecret secret) {
        this.transport = new Port("JGroups", new FrameSeal(secret, "jgroups-frame"),
                new ConnectionLimit(ConnectionLimit.Settings.DEFAULTS), 128 * 1024);
        this.failureDetection = new Port("failure-detection", new FrameSeal(secret, "jgroups-fd-frame"),
                new ConnectionLimit(ConnectionLimit.Settings.DEFAULTS), 8 * 1024);
    }

    /**
     * The content length of a sealed frame that arrived on {@code port}, or -1 (counted) if its seal is not
     * valid: the caller then drops it unparsed.
     */
    int open(Port port, Object from, byte[] frame, int offset, int length) {
        int content = port.seal().open(frame, offset, length);
        if (content < 0) {
            refusedFrames.incrementAndGet();
            warn(() -> "refused a frame on the " + port.name() + " port from " + from
                    + ": it does not carry a valid seal of the cluster secret");
        }
        return content;
    }

    void connectionRefused(Port port, Object from) {
        warn(() -> "refused a connection to the " + port.name() + " port from " + from + ": connection limit reached");
    }

    void unprovenClosed(Port port, Object from) {
        closedUnproven.incrementAndGet();
        warn(() -> "closed a connection to the " + port.name() + " port from " + from + ": no sealed frame within "
                + PROOF_TIMEOUT.toSeconds() + " s");
    }

    void fragmentRefused(Object from, String why) {
        refusedFragments.incrementAndGet();
        warn(() -> "dropped a message fragment from " + from + " before reassembly: " + why);
    }

    GuardStats stats() {
        return new GuardStats(refusedFrames.get(),
                transport.connections().refused() + failureDetection.connections().refused(),
                closedUnproven.get(), refusedFragments.get());
    }

    private void warn(Supplier<String> latest) {
        warnings.warn(() -> latest.get() + " (refusals are logged at most once a minute; so far " + stats() + ")");
    }
}
