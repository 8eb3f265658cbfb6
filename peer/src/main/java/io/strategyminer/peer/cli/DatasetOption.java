package io.strategyminer.peer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.store.DatasetCatalog;
import picocli.CommandLine.Option;

/**
 * Which candles a command works on: {@code --dataset ID|PREFIX|NAME} (a stored or bundled dataset),
 * {@code --csv FILE} (a candle file read on the fly, not stored), or neither (the bundled BTC/USD
 * 5-minute set). Use it as a picocli mixin next to {@link DataDirOption}:
 * <pre>{@code
 * @Mixin DataDirOption dataDir;
 * @Mixin DatasetOption dataset;
 * ... Dataset candles = dataset.resolve(dataDir.path());
 * }</pre>
 */
public final class DatasetOption {
    @Option(names = "--dataset", paramLabel = "ID|PREFIX|NAME",
            description = "A dataset from `peer data list`: full id, unique id prefix (6+ characters) or name."
                    + " Default: the bundled BTC/USD 5-minute candles (" + BundledDatasets.BTC_USD_5M + ").")
    private String reference;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "A candle file to read directly instead of a stored dataset (any format `peer data import`"
                    + " reads; not stored).")
    private Path file;

    /**
     * The dataset the user asked for.
     *
     * @throws IllegalArgumentException for an unknown or ambiguous reference, both options at once, or a file
     *                                  with bad candles ({@link io.strategyminer.data.importer.InvalidCandleDataException})
     * @throws UncheckedIOException     when the store or the file cannot be read, or a stored dataset fails its
     *                                  hash check
     */
    public Dataset resolve(Path dataDir) {
        if (reference != null && file != null) {
            throw new IllegalArgumentException("give either --dataset or --csv, not both");
        }
        try {
            if (file != null) {
                return CandleImporter.importFile(file, ImportOptions.auto()).toDataset();
            }
            if (reference != null) {
                return DatasetCatalog.in(dataDir).resolve(reference);
            }
            return BundledDatasets.btcUsd5m();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** True when the user named no dataset, so the bundled default is used. */
    public boolean isDefault() {
        return reference == null && file == null;
    }
}
