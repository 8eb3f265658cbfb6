package io.strategyminer.web;

import io.strategyminer.data.DatasetId;
import io.strategyminer.data.importer.DatasetNames;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.ledger.state.DatasetView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

    /** Candles and candle length, from the local copy or else the publication: what a search spec is checked against. */
    public int candles() {
        return local.map(DatasetInfo::candles).orElseGet(() -> published.orElseThrow().description().candles());
    }

    public String symbol() {
        return local.map(DatasetInfo::symbol).orElseGet(() -> published.orElseThrow().description().symbol());
    }

    public long timeframeSeconds() {
        return local.map(DatasetInfo::timeframeSeconds)
                .orElseGet(() -> (long) published.orElseThrow().description().timeframeSeconds());
    }

    /**
     * The name a dataset only others published goes by. Names of the datasets shipped with the peer are reserved
     * (no import or upload may take one), so a publication under such a name with another id comes from a peer
     * running modified or older code: it is listed under a marked name, so that a reference to the bundled data
     * by name still finds exactly the bundled data on this peer.
     */
    private static String nameOfPublication(DatasetView view) {
        String name = view.description().name();
        return name.toLowerCase(Locale.ROOT).startsWith(DatasetNames.RESERVED_PREFIX) ? "(claimed) " + name : name;
    }

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
            known.add(new KnownDataset(view.description().dataset(), nameOfPublication(view), Optional.empty(),
                    Optional.of(view)));
        }
        return known;
    }

    /** Resolves a search's reference the way {@link DatasetCatalog#match} does, among all known datasets. */
    public static Optional<KnownDataset> match(String reference, List<KnownDataset> known) {
        return DatasetCatalog.match(reference, known, KnownDataset::id, KnownDataset::name);
    }
}
