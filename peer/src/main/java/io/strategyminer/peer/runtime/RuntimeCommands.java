package io.strategyminer.peer.runtime;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.data.store.DatasetLookupException;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.web.ClusterCommands;
import io.strategyminer.web.KnownDataset;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.HexFormat;

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
    public String submitSearch(String datasetReference, SearchSpec.Builder parameters) throws IOException {
        KnownDataset dataset = KnownDataset.match(datasetReference,
                KnownDataset.of(datasets, runtime.read(LedgerState::datasets))).orElseThrow(() ->
                new DatasetLookupException("no dataset '" + datasetReference.strip() + "' on this peer or published"
                        + " by another peer of the cluster: see GET /api/datasets or `peer data list`"));
        if (!parameters.hasSeed()) {
            parameters.seed(random.nextLong());
        }
        SearchSpec spec = parameters.dataset(dataset.id()).objectiveFor(dataset.candles(), dataset.timeframeSeconds())
                .build();
        spec.checkFits(dataset.candles(), dataset.timeframeSeconds());
        boolean publishedHere = dataset.published().map(view -> view.publishers().contains(runtime.peerId()))
                .orElse(false);
        if (dataset.local().isPresent() && !publishedHere) {
            // so that every other peer can fetch it by id (loading the candles only when needed)
            runtime.publish(datasets.load(dataset.id()), dataset.local().get().source());
        }
        String searchId = "s-" + HexFormat.of().formatHex(randomBytes());
        runtime.submit(new SearchSubmitted(searchId, spec));
        return searchId;
    }

    @Override
    public DatasetInfo importDataset(InputStream content, ImportOptions options) throws IOException {
        String source = "upload " + options.name();
        Dataset dataset = CandleImporter.read(content, source, options).toDataset();
        runtime.publish(dataset, source);
        return datasets.store().info(dataset.id())
                .orElseThrow(() -> new IOException("dataset " + dataset.id() + " was not stored"));
    }

    private synchronized byte[] randomBytes() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }
}
