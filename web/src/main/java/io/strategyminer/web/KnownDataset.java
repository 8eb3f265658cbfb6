package io.strategyminer.web;

import io.strategyminer.data.DatasetId;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.ledger.state.DatasetView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A dataset a peer can name in a search: one it holds (bundled or imported), or one only other peers of the
 * cluster published (the peers that lease its units fetch it from them).
 *
 * @param local     this peer's copy, if it holds one
 * @param published its publication in the ledger, if anyone published it
 */
public record KnownDataset(DatasetId id, String name, Optional<DatasetInfo> local, Optional<DatasetView> published) {

    /**
     * The catalog's datasets in its order (bundled, then imported), then those only others published, by id;
     * each id once. What {@code GET /api/datasets} lists and what a search's dataset reference is matched against.
     */
    public static List<KnownDataset> of(DatasetCatalog catalog, List<DatasetView> publications) throws IOException {
        Map<DatasetId, DatasetView> published = new TreeMap<>(Comparator.comparing(DatasetId::hex));
        publications.forEach(view -> published.put(view.description().dataset(), view));
        List<KnownDataset> known = new ArrayList<>();
        for (DatasetInfo info : catalog.list()) {
            known.add(new KnownDataset(info.id(), info.name(), Optional.of(info),
                    Optional.ofNullable(published.remove(info.id()))));
        }
        for (DatasetView view : published.values()) {
            known.add(new KnownDataset(view.description().dataset(), view.description().name(), Optional.empty(),
                    Optional.of(view)));
        }
        return known;
    }

    /** Resolves a search's reference the way {@link DatasetCatalog#match} does, among all known datasets. */
    public static Optional<KnownDataset> match(String reference, List<KnownDataset> known) {
        return DatasetCatalog.match(reference, known, KnownDataset::id, KnownDataset::name);
    }
}
