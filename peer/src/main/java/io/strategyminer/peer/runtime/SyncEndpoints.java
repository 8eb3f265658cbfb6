package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.cluster.Topic;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each member's repair-sync server listens. A JGroups view names members, not their addresses,
 * so every peer broadcasts its sync endpoint ({@code host:port}, UTF-8, {@link #TOPIC}) whenever a view
 * is installed, and again whenever it learns a new member's endpoint: a member that joins then hears every
 * other's even if it missed their announcements of the view (a peer rebuilding its ledger from the others must
 * reach every one of them, see {@link OwnChainRecovery}). Each member answers a newcomer once, so a join costs one
 * message per member. The others keep the latest endpoint per peer id. Only members of the current view are
 * returned.
 */
@Singleton
public final class SyncEndpoints {
    public static final Topic TOPIC = new Topic(3, "sync-endpoint");
    private static final Logger LOG = LoggerFactory.getLogger(SyncEndpoints.class);
    private final ClusterNode node;
    private final Map<String, InetSocketAddress> byPeerHex = new ConcurrentHashMap<>();
    /** This peer's own endpoint, once announced. */
    private volatile SeedAddress own;

    @Inject
    public SyncEndpoints(ClusterNode node) {
        this.node = node;
    }

    /**
     * Starts listening for endpoints; {@code learned} is told of each new or changed one (on a JGroups
     * thread). A member that leaves is forgotten, so its endpoint counts as new when it comes back.
     */
    public void listen(BiConsumer<PeerId, InetSocketAddress> learned) {
        node.onViewChange(change -> change.left().forEach(member -> byPeerHex.remove(member.name())));
        node.onMessage(TOPIC, (from, payload) -> received(from, payload, learned));
    }

    /** Tells the view where this peer's sync server listens. */
    public void announce(SeedAddress own) {
        this.own = own;
        node.broadcast(TOPIC, own.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void received(ClusterMember from, byte[] payload, BiConsumer<PeerId, InetSocketAddress> learned) {
        try {
            PeerId peer = PeerId.parse(from.name());
            SeedAddress address = SeedAddress.parse(new String(payload, StandardCharsets.UTF_8));
            InetSocketAddress endpoint = InetSocketAddress.createUnresolved(address.host(), address.port());
            if (!endpoint.equals(byPeerHex.put(peer.hex(), endpoint))) {
                learned.accept(peer, endpoint);
                SeedAddress mine = own;
                if (mine != null) {
                    announce(mine); // the newcomer may have missed it
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a bad sync endpoint from {}: {}", from, e.getMessage());
        }
    }

    /** The sync endpoint of {@code peer} if it is in the view and told us. */
    public Optional<InetSocketAddress> of(PeerId peer) {
        if (!node.view().containsName(peer.hex())) {
            return Optional.empty();
        }
        return Optional.ofNullable(byPeerHex.get(peer.hex()));
    }

    /** The sync endpoints of the other members of the current view that told us theirs. */
    public List<InetSocketAddress> others() {
        String self = node.self().name();
        return node.view().members().stream().map(ClusterMember::name).filter(name -> !name.equals(self))
                .map(byPeerHex::get).filter(a -> a != null).toList();
    }
}
