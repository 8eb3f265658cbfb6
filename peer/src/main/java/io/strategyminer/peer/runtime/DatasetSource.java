package io.strategyminer.peer.runtime;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.DatasetView;
import io.strategyminer.peer.sync.SyncClient;
import io.strategyminer.peer.sync.SyncException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The datasets work runs on: from memory, else from the local {@link DatasetStore}, else fetched (and
 * hash-verified by {@link SyncClient#fetchDataset}) from a peer of the view that published it in the
 * ledger. Safe to call from several worker slots.
 */
@Singleton
public final class DatasetSource {
    private final DatasetStore store;
    private final Ledger ledger;
    private final SyncClient client;
    private final SyncEndpoints endpoints;
    private final Map<DatasetId, Dataset> loaded = new ConcurrentHashMap<>();

    @Inject
    public DatasetSource(DatasetStore store, Ledger ledger, SyncClient client, SyncEndpoints endpoints) {
        this.store = store;
        this.ledger = ledger;
        this.client = client;
        this.endpoints = endpoints;
    }

    /**
     * The dataset {@code id}.
     *
     * @throws IOException if no publisher in the view could deliver it (the message lists who was tried)
     */
    public Dataset get(DatasetId id) throws IOException {
        Dataset cached = loaded.get(id);
        if (cached != null) {
            return cached;
        }
        Dataset dataset = store.info(id).isPresent() ? store.load(id) : fetch(id);
        loaded.put(id, dataset);
        return dataset;
    }

    private Dataset fetch(DatasetId id) throws IOException {
        List<PeerId> publishers = ledger.read(state -> state.dataset(id).map(DatasetView::publishers).orElse(List.of()));
        StringBuilder tried = new StringBuilder();
        for (PeerId publisher : publishers) {
            Optional<InetSocketAddress> endpoint = endpoints.of(publisher);
            if (endpoint.isEmpty()) {
                tried.append(' ').append(publisher.shortHex()).append(" (not in the view)");
                continue;
            }
            try {
                return client.fetchDataset(endpoint.get().getHostString(), endpoint.get().getPort(), id);
            } catch (SyncException e) {
                tried.append(' ').append(publisher.shortHex()).append(" (").append(e.getMessage()).append(')');
            }
        }
        throw new IOException("dataset " + id + " is not held here and no publisher delivered it; publishers:"
                + (publishers.isEmpty() ? " none in the ledger" : tried));
    }

    /** Saves {@code dataset} locally (so the sync server can serve it) if it is not stored yet. */
    public void keep(Dataset dataset, String source) {
        try {
            if (store.info(dataset.id()).isEmpty()) {
                store.save(dataset, source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store dataset " + dataset.name() + ": " + e.getMessage(), e);
        }
        loaded.put(dataset.id(), dataset);
    }
}
