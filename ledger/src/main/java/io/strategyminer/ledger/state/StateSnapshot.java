package io.strategyminer.ledger.state;

import java.util.List;

/**
 * Every read model at once, in a deterministic order: two ledgers holding the same events have
 * equal snapshots (record equality), whatever order the events reached them in.
 */
public record StateSnapshot(List<PeerView> peers, List<DatasetView> datasets, List<SearchView> searches,
                            List<BanView> bans) {
    public StateSnapshot {
        peers = List.copyOf(peers);
        datasets = List.copyOf(datasets);
        searches = List.copyOf(searches);
        bans = List.copyOf(bans);
    }
}
