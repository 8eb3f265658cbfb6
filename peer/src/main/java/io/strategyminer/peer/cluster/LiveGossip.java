package io.strategyminer.peer.cluster;

import io.strategyminer.ledger.ApplyResult;
import io.strategyminer.ledger.Gap;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.LedgerListener;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live gossip (DESIGN §5): every event this peer appends to its ledger is broadcast to the view, and
 * every event received is applied with {@link Ledger#apply(byte[])}. Delivery is best effort: an event
 * that arrives ahead of its chain is held by the ledger and its gap handed to the gap listener (the repair
 * sync fetches it); an event not broadcast because the outgoing queue was full, or missed by a peer that
 * was away, is found by the repair sync's version vectors.
 *
 * <p>Broadcasts leave from one sender thread: the ledger calls its listeners under its write lock, and a
 * send may wait for JGroups flow-control credits, which must never stall a local append.
 */
public final class LiveGossip implements AutoCloseable {
    public static final Topic TOPIC = new Topic(1, "live-event");
    /** Outgoing events waiting for the sender thread; beyond this they are left to the repair sync. */
    public static final int MAX_QUEUED_BROADCASTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveGossip.class);

    private final Ledger ledger;
    private final ClusterNode node;
    private final Consumer<Gap> gapListener;
    private final BlockingQueue<byte[]> outgoing = new ArrayBlockingQueue<>(MAX_QUEUED_BROADCASTS);
    private final Counters counters = new Counters();
    private final Thread sender;
    private final LedgerListener.Subscription ledgerSubscription;
    private final ClusterNode.Subscription messageSubscription;
    private volatile boolean running = true;

    /**
     * Starts gossiping between {@code ledger} and {@code node} (connected or not yet).
     *
     * @param gapListener told of every gap the ledger reports for a received event (a missing range of
     *                    one origin); called on a JGroups thread, must not block
     */
    public LiveGossip(Ledger ledger, ClusterNode node, Consumer<Gap> gapListener) {
        this.ledger = ledger;
        this.node = node;
        this.gapListener = gapListener;
        this.sender = new Thread(this::sendLoop, "live-gossip-sender");
        sender.setDaemon(true);
        sender.start();
        this.messageSubscription = node.onMessage(TOPIC, this::received);
        this.ledgerSubscription = ledger.subscribe(this::stored);
    }

    private void stored(Event event, boolean local) {
        if (!local) {
            return; // events from others were broadcast by their origin
        }
        if (!outgoing.offer(event.encoded())) {
            counters.queueFull.incrementAndGet();
        }
    }

    private void sendLoop() {
        while (running) {
            byte[] next;
            try {
                next = outgoing.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                continue;
            }
            try {
                node.broadcast(TOPIC, next);
                counters.broadcast.incrementAndGet();
            } catch (RuntimeException e) {
                counters.sendFailed.incrementAndGet();
                // the message says why (typically: the channel closed while stopping); the trace only on debug
                LOG.warn("live gossip could not broadcast an event, repair sync will carry it: {}", e.getMessage());
                LOG.debug("live gossip broadcast failure", e);
            }
        }
    }

    private void received(ClusterMember from, byte[] encoded) {
        counters.received.incrementAndGet();
        if (encoded.length > Event.MAX_ENCODED_BYTES) {
            counters.oversize.incrementAndGet();
            return;
        }
        ApplyResult result = ledger.apply(encoded);
        counters.count(result);
        result.gap().ifPresent(gap -> {
            try {
                gapListener.accept(gap);
            } catch (RuntimeException e) {
                LOG.warn("gap listener failed on {}", gap, e);
            }
        });
        if (result.status() == ApplyResult.Status.REJECTED) {
            LOG.warn("rejected an event from {}: {} {}", from, result.reason().orElse(null), result.detail());
        }
    }

    /** What this peer's live gossip did so far. */
    public Stats stats() {
        return counters.snapshot();
    }

    /** Stops gossiping; events still queued are left to the repair sync. Does not close the node or ledger. */
    @Override
    public void close() {
        ledgerSubscription.close();
        messageSubscription.close();
        running = false;
        sender.interrupt();
        try {
            sender.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Counters of live gossip.
     *
     * @param broadcast  local events sent to the view
     * @param queueFull  local events not sent because the outgoing queue was full
     * @param sendFailed local events whose send failed (e.g. while disconnected)
     * @param received   event messages received
     * @param oversize   received messages larger than any valid event, not applied
     * @param applied    received events stored (not counting held events they unblocked)
     * @param duplicate  received events already held
     * @param held       received events kept until the gap before them is filled
     * @param dropped    received events not kept because the ledger's pending buffer was full
     * @param rejected   received events refused, by reason
     */
    public record Stats(long broadcast, long queueFull, long sendFailed, long received, long oversize, long applied,
                        long duplicate, long held, long dropped, Map<RejectReason, Long> rejected) {
        public Stats {
            rejected = Map.copyOf(rejected);
        }

        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final class Counters {
        final AtomicLong broadcast = new AtomicLong();
        final AtomicLong queueFull = new AtomicLong();
        final AtomicLong sendFailed = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong oversize = new AtomicLong();
        final Map<ApplyResult.Status, AtomicLong> byStatus = new EnumMap<>(ApplyResult.Status.class);
        final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);

        Counters() {
            for (ApplyResult.Status status : ApplyResult.Status.values()) {
                byStatus.put(status, new AtomicLong());
            }
            for (RejectReason reason : RejectReason.values()) {
                rejected.put(reason, new AtomicLong());
            }
        }

        void count(ApplyResult result) {
            byStatus.get(result.status()).incrementAndGet();
            result.reason().ifPresent(reason -> rejected.get(reason).incrementAndGet());
        }

        Stats snapshot() {
            Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
            rejected.forEach((reason, count) -> {
                if (count.get() > 0) {
                    reasons.put(reason, count.get());
                }
            });
            return new Stats(broadcast.get(), queueFull.get(), sendFailed.get(), received.get(), oversize.get(),
                    byStatus.get(ApplyResult.Status.APPLIED).get(), byStatus.get(ApplyResult.Status.DUPLICATE).get(),
                    byStatus.get(ApplyResult.Status.HELD).get(), byStatus.get(ApplyResult.Status.DROPPED).get(),
                    reasons);
        }
    }
}
