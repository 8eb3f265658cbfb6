package io.strategyminer.peer.runtime;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.web.ClusterCommands;
import io.strategyminer.web.SearchRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What the HTTP API may change on a running peer: search submissions and dataset imports. A search may
 * only name a dataset this peer holds (bundled or imported); it is published first if this peer has not
 * published it yet, so every other peer can fetch it by id.
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
        DatasetInfo dataset = datasets.find(request.dataset());
        ensurePublished(dataset);
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
