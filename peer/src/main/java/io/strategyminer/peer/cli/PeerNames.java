package io.strategyminer.peer.cli;

import io.strategyminer.web.api.PeersJson;
import io.strategyminer.web.api.PeersJson.PeerJson;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Peer ids (32 hex digits) to the names peers announced, from {@code GET /api/peers}, so that output says
 * "laptop" rather than a hash. A peer not announced (yet) shows as the first 8 digits of its id.
 */
final class PeerNames {
    private final Map<String, String> names;

    private PeerNames(Map<String, String> names) {
        this.names = names;
    }

    static PeerNames load(PeerApi api) {
        return of(api.get("/api/peers", PeersJson.class).peers());
    }

    /** From the {@code peers} of {@code GET /api/peers}. */
    static PeerNames of(List<PeerJson> peers) {
        Map<String, String> names = new TreeMap<>();
        for (PeerJson peer : peers) {
            names.put(peer.id(), peer.name());
        }
        return new PeerNames(names);
    }

    boolean knows(String id) {
        return names.containsKey(id);
    }

    /** The peer's name, or the short form of its id when it has not announced itself. */
    String name(String id) {
        String name = names.get(id);
        return name != null && !name.isEmpty() ? name : shortId(id);
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
