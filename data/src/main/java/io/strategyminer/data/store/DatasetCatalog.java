package io.strategyminer.data.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;

/**
 * Every dataset a peer can use: the bundled ones and those in its {@link DatasetStore}, found by full
 * id, by a unique id prefix of at least {@link #MIN_PREFIX} characters, or by name.
 */
public final class DatasetCatalog {
    /** Shorter prefixes are too likely to become ambiguous as datasets are added. */
    public static final int MIN_PREFIX = 6;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private final DatasetStore store;

    public DatasetCatalog(DatasetStore store) {
        this.store = store;
    }

    /** The catalog of the store in {@code dataDir}. */
    public static DatasetCatalog in(Path dataDir) {
        return new DatasetCatalog(new DatasetStore(dataDir));
    }

    public DatasetStore store() {
        return store;
    }

    /** The bundled datasets (finest first), then the stored ones by name; each id once. */
    public List<DatasetInfo> list() throws IOException {
        List<DatasetInfo> all = new ArrayList<>();
        Set<DatasetId> seen = new HashSet<>();
        for (Dataset bundled : BundledDatasets.all()) {
            all.add(DatasetInfo.of(bundled, "classpath:" + BundledDatasets.RESOURCE, null, true));
            seen.add(bundled.id());
        }
        for (DatasetInfo stored : store.list()) {
            if (seen.add(stored.id())) {
                all.add(stored);
            }
        }
        return all;
    }

    /**
     * The dataset a reference names: a full id, else an exact name, else a unique id prefix.
     *
     * @throws DatasetLookupException  if it names none or several
     * @throws CorruptDatasetException if the stored dataset fails its hash check
     */
    public Dataset resolve(String reference) throws IOException {
        return load(find(reference).id());
    }

    /** Like {@link #resolve} but only the description, without loading candles. */
    public DatasetInfo find(String reference) throws IOException {
        return match(reference, list(), DatasetInfo::id, DatasetInfo::name).orElseThrow(() ->
                new DatasetLookupException("no dataset '" + reference.strip() + "' (neither a name nor an id in "
                        + store.directory() + " or the bundled ones): see `peer data list`"));
    }

    /**
     * The one candidate a reference names, by the catalog's rules: a full id, else an exact name, else a unique
     * id prefix of at least {@link #MIN_PREFIX} characters; empty when it names none. Shared with whoever
     * matches references against a longer list (a peer adds the datasets others published), so that a
     * reference means the same everywhere.
     *
     * @throws DatasetLookupException if the reference is empty, names several candidates, or is a hex string
     *                                too short to be a prefix and no name
     */
    public static <T> Optional<T> match(String reference, List<T> candidates, Function<T, DatasetId> id,
                                        Function<T, String> name) {
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty()) {
            throw new DatasetLookupException("an empty dataset reference: give an id, an id prefix or a name");
        }
        String lower = ref.toLowerCase(Locale.ROOT);
        Function<T, String> describe = c -> id.apply(c).shortHex() + " " + name.apply(c);
        Optional<T> byId = candidates.stream().filter(c -> id.apply(c).hex().equals(lower)).findFirst();
        if (byId.isPresent()) {
            return byId;
        }
        List<T> byName = candidates.stream().filter(c -> name.apply(c).equals(ref)).toList();
        if (byName.size() == 1) {
            return Optional.of(byName.get(0));
        }
        if (byName.size() > 1) {
            throw new DatasetLookupException("the name '" + ref + "' is used by " + byName.size() + " datasets ("
                    + byName.stream().map(describe).collect(Collectors.joining(", ")) + "): give an id instead");
        }
        if (!HEX.matcher(lower).matches()) {
            return Optional.empty();
        }
        if (lower.length() < MIN_PREFIX) {
            throw new DatasetLookupException("no dataset is named '" + ref + "', and an id prefix needs at least "
                    + MIN_PREFIX + " characters");
        }
        List<T> byPrefix = candidates.stream().filter(c -> id.apply(c).hex().startsWith(lower)).toList();
        if (byPrefix.size() > 1) {
            throw new DatasetLookupException("the id prefix '" + ref + "' matches " + byPrefix.size()
                    + " datasets (" + byPrefix.stream().map(describe).collect(Collectors.joining(", "))
                    + "): give more characters");
        }
        return byPrefix.stream().findFirst();
    }

    /** A bundled or stored dataset by id. */
    public Dataset load(DatasetId id) throws IOException {
        for (Dataset bundled : BundledDatasets.all()) {
            if (bundled.id().equals(id)) {
                return bundled;
            }
        }
        return store.load(id);
    }
}
