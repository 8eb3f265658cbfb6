package io.strategyminer.ledger.event;

import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A peer holds a dataset and offers it: its id, description, and the content hashes of the blobs
 * (chunks of its canonical bytes, in order) that others fetch and verify.
 *
 * @param dataset          the dataset id (SHA-256 of its canonical candle encoding)
 * @param name             a human name, 1–128 characters
 * @param symbol           the market, e.g. BTC-USD: 1–32 of A–Z, 0–9, '.', '_', '/', '-'
 * @param timeframeSeconds candle length, 1 s to 7 days
 * @param candles          number of candles, 1–10,000,000
 * @param sizeBytes        total size of the chunks, 1 byte to 1 GiB
 * @param chunks           chunk blob hashes in order, 1–1024
 */
public record DatasetPublished(DatasetId dataset, String name, String symbol, int timeframeSeconds, int candles,
                               long sizeBytes, List<Sha256> chunks) implements Payload {
    public static final int MAX_CHUNKS = 1024;
    public static final int MAX_CANDLES = 10_000_000;
    public static final long MAX_SIZE_BYTES = 1L << 30;
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9._/-]{0,31}");

    public DatasetPublished {
        Checks.required("dataset id", dataset);
        Checks.text("dataset name", name, 128);
        Checks.matches("symbol", symbol, SYMBOL);
        Checks.range("timeframe seconds", timeframeSeconds, 1, 7 * 86_400);
        Checks.range("candles", candles, 1, MAX_CANDLES);
        Checks.range("dataset size bytes", sizeBytes, 1, MAX_SIZE_BYTES);
        Checks.required("chunks", chunks);
        Checks.range("number of chunks", chunks.size(), 1, MAX_CHUNKS);
        chunks.forEach(chunk -> Checks.required("chunk hash", chunk));
        chunks = List.copyOf(chunks);
    }

    @Override
    public EventType type() {
        return EventType.DATASET_PUBLISHED;
    }
}
