package io.strategyminer.peer.runtime;

import io.strategyminer.consensus.Member;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.sync.SyncClient;
import io.strategyminer.peer.sync.SyncException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code peer start --rebuild-from-peers}: this peer's own chain comes back from the others before it appends
 * anything. Its signed events are in its peers' ledgers, and the ledger accepts an origin's events from anyone
 * once they chain and verify, its own included. A sync session leaves each side with every event the other held
 * when it began, so after one session with each other member of the view this peer holds the longest copy of its
 * chain that any of them has (the highest entry for it in their version vectors); its next append continues that
 * chain. An event that only an absent peer holds cannot come back: that peer would refuse the continuation as a
 * conflict, which is why every member of the view must be synced, and why the whole wait is bounded.
 */
final class OwnChainRecovery {
    /** Pause between rounds while members are still joining or not answering. */
    static final Duration RETRY = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(OwnChainRecovery.class);

    /**
     * What came back.
     *
     * @param ownEvents this peer's chain length now (the sequence its next event follows)
     * @param peers     the other members synced with
     */
    record Recovered(long ownEvents, int peers) {
    }

    private final Ledger ledger;
    private final ClusterNode cluster;
    private final SyncEndpoints endpoints;
    private final SyncClient client;

    OwnChainRecovery(Ledger ledger, ClusterNode cluster, SyncEndpoints endpoints, SyncClient client) {
        this.ledger = ledger;
        this.cluster = cluster;
        this.endpoints = endpoints;
        this.client = client;
    }

    /**
     * Syncs once with every other member of the view (members that join meanwhile included), retrying those that
     * fail, for at most {@code wait}.
     *
     * @throws StartRefusedException if no other member joined, some could not be synced in time, or none of them
     *                               holds any event of this peer
     */
    Recovered recover(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Set<PeerId> synced = new TreeSet<>();
        String lastError = "";
        while (true) {
            List<PeerId> others = otherMembers();
            for (PeerId peer : others) {
                Optional<InetSocketAddress> endpoint = synced.contains(peer) ? Optional.empty() : endpoints.of(peer);
                if (endpoint.isPresent()) {
                    try {
                        client.sync(endpoint.get().getHostString(), endpoint.get().getPort());
                        synced.add(peer);
                    } catch (SyncException e) {
                        lastError = e.getMessage();
                        LOG.info("rebuild: sync with {} failed, will retry: {}", peer.shortHex(), e.getMessage());
                    }
                }
            }
            if (!others.isEmpty() && synced.containsAll(others)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw timedOut(wait, others, synced, lastError);
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartRefusedException("--rebuild-from-peers: interrupted while recovering this peer's history");
            }
        }
        long own = ledger.versionVector().get(ledger.self());
        if (own == 0) {
            throw new StartRefusedException("--rebuild-from-peers: none of the " + synced.size() + " other peer(s) in"
                    + " the view holds any event of this peer (" + ledger.self() + "), so there is no history to rebuild."
                    + " If this peer never ran in this cluster, start a new peer with another --data-dir.");
        }
        LOG.info("rebuild: this peer's chain is back through sequence {} from {} peer(s)", own, synced.size());
        return new Recovered(own, synced.size());
    }

    private List<PeerId> otherMembers() {
        String self = cluster.self().name();
        List<PeerId> others = new ArrayList<>();
        for (ClusterMember member : cluster.view().members()) {
            if (!member.name().equals(self)) {
                ClusterMembership.member(member).map(Member::peer).ifPresent(others::add);
            }
        }
        return others;
    }

    private static StartRefusedException timedOut(Duration wait, List<PeerId> others, Set<PeerId> synced,
                                                  String lastError) {
        if (others.isEmpty()) {
            return new StartRefusedException("--rebuild-from-peers: no other peer of the cluster joined this peer's view"
                    + " within " + wait.toSeconds() + " s, so nobody could give this peer its history back. Start it"
                    + " again when the others are running (check --seeds, --bind and the cluster secret).");
        }
        List<String> missing = others.stream().filter(p -> !synced.contains(p)).map(PeerId::shortHex).toList();
        return new StartRefusedException("--rebuild-from-peers: could not sync with peer(s) " + String.join(", ", missing)
                + " within " + wait.toSeconds() + " s" + (lastError.isEmpty() ? "" : " (" + lastError + ")")
                + "; without them this peer's history may be incomplete, so it did not start. Start it again with"
                + " --rebuild-from-peers when they are reachable.");
    }
}
