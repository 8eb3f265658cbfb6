package io.strategyminer.peer.sync;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.DatasetPublished;
import java.util.List;

/**
 * What a peer that holds a dataset tells one that asks for it: the description and the hash of every
 * chunk ({@link DatasetChunks}). Checked on construction, so a manifest from the wire that is out of
 * range never reaches an allocation.
 */
public record DatasetManifest(DatasetId id, String name, String symbol, long timeframeSeconds, int candles,
                              List<Sha256> chunks) {
    public static final int MAX_TEXT = 128;

    public DatasetManifest {
        if (id == null || name == null || symbol == null || chunks == null) {
            throw new IllegalArgumentException("a dataset manifest needs an id, a name, a symbol and chunks");
        }
        if (name.length() > MAX_TEXT || symbol.length() > MAX_TEXT) {
            throw new IllegalArgumentException("dataset name or symbol longer than " + MAX_TEXT + " characters");
        }
        if (timeframeSeconds < 1 || timeframeSeconds > 7 * 86_400) {
            throw new IllegalArgumentException("timeframe " + timeframeSeconds + " s is out of range");
        }
        if (candles < 1 || candles > DatasetPublished.MAX_CANDLES) {
            throw new IllegalArgumentException("a dataset has 1 to " + DatasetPublished.MAX_CANDLES
                    + " candles, the manifest says " + candles);
        }
        int candleChunks = DatasetChunks.chunkCount(candles);
        if (chunks.size() != candleChunks && chunks.size() != candleChunks + 1) {
            throw new IllegalArgumentException(candles + " candles make " + candleChunks + " chunks (one more with a"
                    + " cleaning record), the manifest lists " + chunks.size());
        }
        chunks = List.copyOf(chunks);
    }

    public static DatasetManifest of(Dataset dataset) {
        return new DatasetManifest(dataset.id(), dataset.name(), dataset.symbol(), dataset.timeframeSeconds(),
                dataset.size(), DatasetChunks.hashes(dataset));
    }
}
