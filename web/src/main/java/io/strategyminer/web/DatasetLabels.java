package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.Timeframe;
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
    ObjectNode node(DatasetId id) {
        ObjectNode node = Json.object().put("id", id.hex());
        KnownDataset dataset = known.get(id);
        if (dataset == null) {
            return node.putNull("name").putNull("symbol").putNull("timeframe").putNull("timeframeSeconds");
        }
        return node.put("name", dataset.name()).put("symbol", dataset.symbol())
                .put("timeframe", Timeframe.label(dataset.timeframeSeconds()))
                .put("timeframeSeconds", dataset.timeframeSeconds());
    }
}
