package io.strategyminer.web;

import io.strategyminer.data.DatasetId;
import io.strategyminer.data.Timeframe;
import io.strategyminer.web.api.DatasetLabelJson;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * How a dataset is named wherever the API shows its id (DESIGN §7: a search's and a strategy's dataset): its name,
 * symbol and timeframe, from this peer's copy or the cluster's publication ({@link KnownDataset}).
 */
final class DatasetLabels {
    private final Map<DatasetId, KnownDataset> known = new HashMap<>();

    private DatasetLabels() {
    }

    /** The labels of every dataset the peer holds or the cluster published, read once per request. */
    static DatasetLabels of(ClusterReadModel model) throws IOException {
        DatasetLabels labels = new DatasetLabels();
        KnownDataset.of(model.datasets(), model.ledger().read(state -> state.datasets()))
                .forEach(dataset -> labels.known.put(dataset.id(), dataset));
        return labels;
    }

    /** {@code {"id", "name", "symbol", "timeframe", "timeframeSeconds"}}; only the id for a dataset nobody described. */
    DatasetLabelJson label(DatasetId id) {
        KnownDataset dataset = known.get(id);
        if (dataset == null) {
            return new DatasetLabelJson(id.hex(), null, null, null, null);
        }
        return new DatasetLabelJson(id.hex(), dataset.name(), dataset.symbol(),
                Timeframe.label(dataset.timeframeSeconds()), dataset.timeframeSeconds());
    }
}
