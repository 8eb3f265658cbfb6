package io.strategyminer.peer.runtime;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.data.store.DatasetLookupException;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.state.DatasetView;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.web.ClusterCommands;
import io.strategyminer.web.SearchRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the HTTP API may change on a running peer: search submissions and dataset imports. A search names a
 * dataset this peer holds (bundled or imported), published first if this peer has not published it yet so
 * every other peer can fetch it by id, or one that another peer of the cluster published.
 */
public final class RuntimeCommands implements ClusterCommands {
    /** Random bytes in a search id: 48 bits make a collision within one cluster's lifetime negligible. */
    private static final int ID_BYTES = 6;

    private final PeerRuntime runtime;
    private final DatasetCatalog datasets;
    // search ids and default seeds only: both are recorded in the submission, so results stay reproducible
    private final SecureRandom random = new SecureRandom();

    public RuntimeCommands(PeerRuntime runtime, DatasetCatalog datasets) {
        this.runtime = runtime;
        this.datasets = datasets;
    }

    @Override
    public String submitSearch(SearchRequest request) throws IOException {
        KnownDataset dataset = DatasetCatalog.match(request.dataset(), knownDatasets(), KnownDataset::id,
                KnownDataset::name).orElseThrow(() -> new DatasetLookupException("no dataset '"
                + request.dataset().strip() + "' on this peer or published by another peer of the cluster:"
                + " see GET /api/datasets or `peer data list`"));
        if (dataset.local().isPresent()) {
            ensurePublished(dataset.local().get());
        }
        String searchId = "s-" + HexFormat.of().formatHex(randomBytes());
        long seed = request.seed() != null ? request.seed() : random.nextLong();
        runtime.submit(new SearchSubmitted(searchId, dataset.id(), request.splitPercent(), request.population(),
                request.generations(), request.risk(), request.objective(), request.minTrades(), request.workUnits(),
                request.quorum(), seed, request.allowSameMachine()));
        return searchId;
    }

    @Override
    public DatasetInfo importDataset(byte[] content, String name) throws IOException {
        Dataset dataset = CandleImporter.read(new ByteArrayInputStream(content), name, ImportOptions.auto())
                .toDataset(name, null);
        runtime.publish(dataset, "upload " + name);
        return datasets.store().info(dataset.id())
                .orElseThrow(() -> new IOException("dataset " + dataset.id() + " was not stored"));
    }

    /**
     * A dataset a search may name: one this peer holds, or one only others published (the peers that lease its
     * units fetch it from them, DatasetSource).
     */
    private record KnownDataset(DatasetId id, String name, Optional<DatasetInfo> local) {
    }

    /** This peer's catalog, then the datasets other peers published that it does not hold; each id once. */
    private List<KnownDataset> knownDatasets() throws IOException {
        List<KnownDataset> known = new ArrayList<>();
        Set<DatasetId> local = new HashSet<>();
        for (DatasetInfo info : datasets.list()) {
            known.add(new KnownDataset(info.id(), info.name(), Optional.of(info)));
            local.add(info.id());
        }
        for (DatasetView view : runtime.read(LedgerState::datasets)) {
            DatasetPublished published = view.description();
            if (!local.contains(published.dataset())) {
                known.add(new KnownDataset(published.dataset(), published.name(), Optional.empty()));
            }
        }
        return known;
    }

    private void ensurePublished(DatasetInfo dataset) throws IOException {
        DatasetId id = dataset.id();
        boolean published = runtime.read(state -> state.dataset(id)
                .map(view -> view.publishers().contains(runtime.peerId())).orElse(false));
        if (!published) {
            runtime.publish(datasets.load(id), dataset.source());
        }
    }

    private synchronized byte[] randomBytes() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }
}
