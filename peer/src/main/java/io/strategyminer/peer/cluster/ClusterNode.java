package io.strategyminer.peer.cluster;

import io.strategyminer.peer.net.PortInUse;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.PhysicalAddress;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.NameCache;
import org.jgroups.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This peer's membership in the cluster: a JGroups channel with the stack of {@link ClusterStack}, seen
 * through JGroups-free types. Register listeners and handlers, then {@link #connect(String)}; closing
 * leaves the view gracefully, so the others see the change at once instead of after failure detection.
 *
 * <p>Messages are best effort from the caller's point of view (a member that crashes may miss some;
 * repair sync fills the gaps), but among live members JGroups delivers a sender's messages reliably
 * and in order. A message is one topic byte followed by the payload; payloads are bounded by
 * {@link #MAX_PAYLOAD_BYTES} in both directions. Handlers and view listeners run on JGroups threads:
 * they must not block for long.
 */
public final class ClusterNode implements AutoCloseable {
    /** Largest payload sent or accepted: a biggest ledger event fits with room to spare. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    private static final String NAME_KEY = "sm-name";
    private static final String MACHINE_KEY = "sm-machine";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    /** Receives the payload of a message of one topic. */
    @FunctionalInterface
    public interface MessageHandler {
        void received(ClusterMember from, byte[] payload);
    }

    /** Undoes a registration; closing twice is harmless. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final ClusterConfig config;
    private final ClusterGuards guards;
    private final JChannel channel;
    private final List<Consumer<ViewChange>> viewListeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, MessageHandler> handlers = new ConcurrentHashMap<>();
    private final AtomicLong refusedMessages = new AtomicLong();
    private volatile ClusterView view;
    /** Addresses of the current view's members by {@link ClusterMember#id()}, for {@link #send}. */
    private volatile Map<String, Address> addresses = Map.of();

    /** Builds the channel; nothing is sent until {@link #connect(String)}. */
    public ClusterNode(ClusterConfig config) {
        this.config = config;
        this.guards = new ClusterGuards(config.secret());
        try {
            this.channel = new JChannel(ClusterStack.protocols(config, guards));
        } catch (Exception e) {
            throw new IllegalStateException("could not build the cluster protocol stack: " + e.getMessage(), e);
        }
        byte[] name = config.memberName().getBytes(StandardCharsets.UTF_8);
        byte[] machine = config.machine().getBytes(StandardCharsets.UTF_8);
        // Name and machine travel inside the address, so every view describes its members without a lookup.
        channel.addAddressGenerator(() -> ExtendedUUID.randomUUID(config.memberName()).put(NAME_KEY, name)
                .put(MACHINE_KEY, machine));
        channel.name(config.memberName());
        channel.setDiscardOwnMessages(true);
        channel.setReceiver(new Receiver() {
            @Override
            public void viewAccepted(View newView) {
                installed(newView);
            }

            @Override
            public void receive(Message message) {
                dispatch(message);
            }
        });
    }

    /**
     * Joins the cluster {@code clusterName}, or founds it if no member answers within the join timeout.
     * Returns once the first view is installed.
     *
     * @throws IllegalStateException if the ports cannot be bound or the stack fails to start
     */
    public void connect(String clusterName) {
        try {
            channel.connect(clusterName);
        } catch (Exception e) {
            channel.close(); // release whatever ports were bound before the failure
            String where = config.bindAddress().map(a -> a.getHostAddress() + ":").orElse("port ") + config.port();
            throw new IllegalStateException("could not join cluster '" + clusterName + "' on " + where + " ("
                    + (config.usesSeeds() ? "TCP, seeds " + SeedAddress.formatList(config.seeds()) : "UDP multicast")
                    + "): " + e.getMessage() + (PortInUse.causedBy(e) ? "; a port of " + config.port() + ".."
                    + (config.port() + ClusterConfig.FAILURE_DETECTION_PORT_OFFSET) + " is taken: is a peer already"
                    + " running here? A second peer on one machine needs its own --port (e.g. 7810) and --data-dir" : ""),
                    e);
        }
        installFirstView();
    }

    /** JGroups normally hands the first view to the receiver during connect; this covers it if not. */
    private synchronized void installFirstView() {
        if (view == null) {
            installed(channel.getView());
        }
    }

    /** This member, once connected. */
    public ClusterMember self() {
        Address address = channel.getAddress();
        if (address == null) {
            throw new IllegalStateException("not connected");
        }
        return member(address);
    }

    /**
     * The IP address this member's transport is bound to, once connected: the address the other members
     * reach it at (JGroups picked it when no bind address was given), so the right one to advertise for
     * this peer's other services.
     */
    public InetAddress physicalAddress() {
        PhysicalAddress address = channel.getProtocolStack().getTransport().localPhysicalAddress();
        if (!(address instanceof IpAddress ip)) {
            throw new IllegalStateException("not connected");
        }
        return ip.getIpAddress();
    }

    /** The view installed now. */
    public ClusterView view() {
        ClusterView current = view;
        if (current == null) {
            throw new IllegalStateException("not connected");
        }
        return current;
    }

    public boolean isCoordinator() {
        return view().coordinator().equals(self());
    }

    /** Calls {@code listener} with every view installed from now on, in installation order. */
    public Subscription onViewChange(Consumer<ViewChange> listener) {
        viewListeners.add(listener);
        return () -> viewListeners.remove(listener);
    }

    /** Routes messages of {@code topic} to {@code handler}; one handler per topic. */
    public Subscription onMessage(Topic topic, MessageHandler handler) {
        if (handlers.putIfAbsent(topic.code(), handler) != null) {
            throw new IllegalStateException("topic " + topic + " already has a handler");
        }
        return () -> handlers.remove(topic.code(), handler);
    }

    /** Sends to every other member of the view. */
    public void broadcast(Topic topic, byte[] payload) {
        sendTo(null, topic, payload);
    }

    /** Sends to one member of the current view. */
    public void send(ClusterMember to, Topic topic, byte[] payload) {
        Address address = addresses.get(to.id());
        if (address == null) {
            throw new IllegalArgumentException(to + " is not in the current view");
        }
        sendTo(address, topic, payload);
    }

    private void sendTo(Address to, Topic topic, byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("message of " + payload.length + " bytes exceeds the limit of "
                    + MAX_PAYLOAD_BYTES);
        }
        byte[] wire = new byte[payload.length + 1];
        wire[0] = (byte) topic.code();
        System.arraycopy(payload, 0, wire, 1, payload.length);
        try {
            channel.send(new BytesMessage(to, wire));
        } catch (Exception e) {
            throw new IllegalStateException("could not send a " + topic.name() + " message: " + e.getMessage(), e);
        }
    }

    /** Messages dropped on arrival: unknown topic, empty or over the size limit. */
    public long refusedMessages() {
        return refusedMessages.get();
    }

    /** What the cluster ports refused before JGroups allocated anything for it. */
    public GuardStats guardStats() {
        return guards.stats();
    }

    /**
     * Leaves the view (the others install a view without this member at once) and releases the ports, but keeps
     * every handler and listener: {@link #connect} joins again, as a new member with the same name. Until then
     * {@link #view()} and {@link #self()} fail as before the first connect. A peer leaves this way while its disk is
     * full, so that the others re-issue its leases and coordinate without it.
     */
    public void disconnect() {
        channel.disconnect(); // no view is delivered to this member after it returns
        synchronized (this) {
            view = null;
            addresses = Map.of();
        }
    }

    /** Leaves the view (the others install a view without this member at once) and releases the ports. */
    @Override
    public void close() {
        channel.close();
    }

    private void dispatch(Message message) {
        int length = message.getLength();
        if (!(message instanceof BytesMessage) || length < 1 || length > MAX_PAYLOAD_BYTES + 1) {
            refusedMessages.incrementAndGet();
            return;
        }
        byte[] wire = message.getArray();
        int offset = message.getOffset();
        MessageHandler handler = handlers.get(wire[offset] & 0xff);
        if (handler == null) {
            refusedMessages.incrementAndGet();
            return;
        }
        byte[] payload = new byte[length - 1];
        System.arraycopy(wire, offset + 1, payload, 0, payload.length);
        try {
            handler.received(member(message.getSrc()), payload);
        } catch (RuntimeException e) {
            LOG.warn("message handler failed on a message from {}", message.getSrc(), e);
        }
    }

    /** JGroups calls back views in order, one at a time. */
    private synchronized void installed(View jgroupsView) {
        if (jgroupsView == null) {
            return;
        }
        List<ClusterMember> members = new ArrayList<>();
        Map<String, Address> byId = new ConcurrentHashMap<>();
        for (Address address : jgroupsView.getMembers()) {
            ClusterMember member = member(address);
            members.add(member);
            byId.put(member.id(), address);
        }
        ClusterView current = new ClusterView(jgroupsView.getViewId().getId(), members);
        Optional<ClusterView> previous = Optional.ofNullable(view);
        if (previous.isPresent() && previous.get().equals(current)) {
            return;
        }
        addresses = byId;
        view = current;
        ViewChange change = ViewChange.between(previous, current, jgroupsView instanceof MergeView);
        for (Consumer<ViewChange> listener : viewListeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("view listener failed on view {}", current.id(), e);
            }
        }
    }

    private static ClusterMember member(Address address) {
        String id = address instanceof UUID ? ((UUID) address).toStringLong() : address.toString();
        String name = attribute(address, NAME_KEY).orElseGet(() -> Optional.ofNullable(NameCache.get(address)).orElse(id));
        return new ClusterMember(id, name, attribute(address, MACHINE_KEY).orElse(""));
    }

    private static Optional<String> attribute(Address address, String key) {
        if (!(address instanceof ExtendedUUID)) {
            return Optional.empty();
        }
        return Optional.ofNullable(((ExtendedUUID) address).get(key)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        ClusterView current = view;
        return "ClusterNode[" + config.memberName() + ", view " + (current == null ? "none" : current.id() + " "
                + current.members()) + "]";
    }
}
