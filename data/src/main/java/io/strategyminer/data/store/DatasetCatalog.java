package io.strategyminer.data.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty()) {
            throw new DatasetLookupException("an empty dataset reference: give an id, an id prefix or a name");
        }
        List<DatasetInfo> all = list();
        String lower = ref.toLowerCase(Locale.ROOT);
        List<DatasetInfo> byId = all.stream().filter(i -> i.id().hex().equals(lower)).collect(Collectors.toList());
        if (!byId.isEmpty()) {
            return byId.get(0);
        }
        List<DatasetInfo> byName = all.stream().filter(i -> i.name().equals(ref)).collect(Collectors.toList());
        if (byName.size() == 1) {
            return byName.get(0);
        }
        if (byName.size() > 1) {
            throw new DatasetLookupException("the name '" + ref + "' is used by " + byName.size() + " datasets ("
                    + describe(byName) + "): give an id instead");
        }
        if (HEX.matcher(lower).matches()) {
            if (lower.length() < MIN_PREFIX) {
                throw new DatasetLookupException("no dataset is named '" + ref + "', and an id prefix needs at least "
                        + MIN_PREFIX + " characters");
            }
            List<DatasetInfo> byPrefix = all.stream().filter(i -> i.id().hex().startsWith(lower))
                    .collect(Collectors.toList());
            if (byPrefix.size() == 1) {
                return byPrefix.get(0);
            }
            if (byPrefix.size() > 1) {
                throw new DatasetLookupException("the id prefix '" + ref + "' matches " + byPrefix.size()
                        + " datasets (" + describe(byPrefix) + "): give more characters");
            }
        }
        throw new DatasetLookupException("no dataset '" + ref + "' (neither a name nor an id in " + store.directory()
                + " or the bundled ones): see `peer data list`");
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

    private static String describe(List<DatasetInfo> infos) {
        return infos.stream().map(i -> i.id().shortHex() + " " + i.name()).collect(Collectors.joining(", "));
    }
}
