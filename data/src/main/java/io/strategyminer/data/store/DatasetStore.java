package io.strategyminer.data.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.MarketCalendar;

/**
 * The datasets kept in a data dir: per dataset a {@link CandleFile} {@code datasets/<id>.candles} and a
 * small JSON description {@code datasets/<id>.json}. Both are written atomically, candles first, and a
 * dataset is listed only once its description exists; so an import that fails or is interrupted leaves
 * the store as it was. Loading re-hashes the candles and refuses a dataset whose id no longer matches.
 *
 * <p>Safe for one writer process at a time per data dir (one peer per machine, DESIGN §1). The directory and its
 * files are readable by their owner only ({@link OwnerOnly}).
 */
public final class DatasetStore {
    private static final String CANDLES = ".candles";
    private static final String META = ".json";
    private static final int META_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Clock clock;

    /** The store in {@code dataDir}; nothing is created until something is saved. */
    public DatasetStore(Path dataDir) {
        this(dataDir, Clock.systemUTC());
    }

    /** @param clock stamps {@link DatasetInfo#importedAt()} (metadata only: it never reaches an id) */
    public DatasetStore(Path dataDir, Clock clock) {
        this.directory = dataDir.resolve("datasets");
        this.clock = clock;
    }

    /** Where the dataset files are. */
    public Path directory() {
        return directory;
    }

    /**
     * Stores a dataset; storing the same candles again replaces the description (name, symbol, source)
     * and keeps one copy of the candles. The description holds the dataset's cleaning record (needed to verify
     * its id) and its detected calendar.
     */
    public DatasetInfo save(Dataset dataset, String source) throws IOException {
        DatasetInfo info = DatasetInfo.of(dataset, source, clock.instant(), false);
        // its files are owner-only too: AtomicFiles writes each through a temporary file, created rw-------
        OwnerOnly.createDirectories(directory);
        CandleFile.write(candlesFile(dataset.id()), dataset.candles());
        byte[] meta = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(info));
        AtomicFiles.write(metaFile(dataset.id()), out -> out.write(meta));
        return info;
    }

    /** Every stored dataset, by name then id. */
    public List<DatasetInfo> list() throws IOException {
        List<DatasetInfo> all = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + META)) {
            for (Path file : files) {
                all.add(readInfo(file)); // temporary files of unfinished writes end in .part, so never match
            }
        }
        all.sort(Comparator.comparing(DatasetInfo::name).thenComparing(i -> i.id().hex()));
        return all;
    }

    /** The description of a stored dataset. */
    public Optional<DatasetInfo> info(DatasetId id) throws IOException {
        Path file = metaFile(id);
        return Files.exists(file) ? Optional.of(readInfo(file)) : Optional.empty();
    }

    /**
     * Loads a stored dataset and verifies that its candles still hash to its id.
     *
     * @throws DatasetLookupException  if there is no such dataset
     * @throws CorruptDatasetException if its files are damaged or were altered
     */
    public Dataset load(DatasetId id) throws IOException {
        DatasetInfo info = info(id).orElseThrow(() -> new DatasetLookupException("no dataset " + id + " in " + directory));
        Path file = candlesFile(id);
        CandleSeries candles;
        try {
            candles = CandleFile.read(file);
        } catch (NoSuchFileException e) {
            throw new CorruptDatasetException("dataset " + id + " has a description but no candles (" + file
                    + "): import it again");
        }
        DatasetId actual = DatasetId.of(candles, info.cleaning());
        if (!actual.equals(id)) {
            throw new CorruptDatasetException("dataset " + id + " is corrupt: the candles in " + file
                    + (info.cleaning().isNone() ? "" : " with its cleaning record") + " hash to " + actual
                    + "; delete it and import it again");
        }
        return new Dataset(id, info.name(), info.symbol(), info.timeframeSeconds(), candles, info.cleaning());
    }

    private Path candlesFile(DatasetId id) {
        return directory.resolve(id.hex() + CANDLES);
    }

    private Path metaFile(DatasetId id) {
        return directory.resolve(id.hex() + META);
    }

    private static ObjectNode toJson(DatasetInfo info) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", META_VERSION);
        node.put("id", info.id().hex());
        node.put("name", info.name());
        node.put("symbol", info.symbol());
        node.put("timeframeSeconds", info.timeframeSeconds());
        node.put("candles", info.candles());
        node.put("firstTime", info.firstTime());
        node.put("lastTime", info.lastTime());
        node.put("source", info.source());
        node.put("importedAt", info.importedAt().toString());
        if (!info.cleaning().isNone()) {
            node.set("cleaning", MetadataJson.toJson(info.cleaning()));
        }
        node.set("calendar", MetadataJson.toJson(info.calendar()));
        return node;
    }

    private static DatasetInfo readInfo(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode node = JSON.readTree(in);
            // Descriptions written before calendars existed have none: "not detected" until imported again.
            MarketCalendar calendar = node.has("calendar") ? MetadataJson.calendar(node.get("calendar"))
                    : MarketCalendar.notDetected("stored before calendars were detected");
            DatasetInfo info = new DatasetInfo(DatasetId.parse(text(node, "id")), text(node, "name"),
                    text(node, "symbol"), number(node, "timeframeSeconds"), (int) number(node, "candles"),
                    number(node, "firstTime"), number(node, "lastTime"), text(node, "source"),
                    Instant.parse(text(node, "importedAt")), false, MetadataJson.cleaning(node.get("cleaning")),
                    calendar);
            if (!file.getFileName().toString().equals(info.id().hex() + META)) {
                throw new IllegalArgumentException("it describes dataset " + info.id());
            }
            return info;
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
            throw new CorruptDatasetException("dataset description " + file + " is unreadable (" + e.getMessage()
                    + "); delete it and import the dataset again", e);
        }
    }

    private static String text(JsonNode node, String field) {
        return MetadataJson.text(node, field);
    }

    private static long number(JsonNode node, String field) {
        return MetadataJson.number(node, field);
    }
}
