package io.strategyminer.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client reads what the server writes, strictly: a missing field or a null number is an error that names it. */
class ApiJsonTest {
    private static final Metrics SHORT = new Metrics(-12.25, -0.1225, Double.NaN, 9, 0.5, Double.POSITIVE_INFINITY,
            20.5, 3.25, 12, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    private static StatusJson status() {
        Map<String, Integer> searches = new LinkedHashMap<>();
        searches.put("SUBMITTED", 1);
        searches.put("RUNNING", 0);
        searches.put("DONE", 2);
        return new StatusJson(new StatusJson.Self("ab", null, 7800), new StatusJson.View(3, List.of("ab", "cd")), "ab",
                new StatusJson.PeerCounts(2, 2), new StatusJson.Throughput(8, 1234.5, 1234500, 1000),
                new StatusJson.Work(searches, Map.of("OPEN", 1), Map.of("CANONICAL", 4)),
                List.of(new StatusJson.SharedMachineJson("ff", List.of("ab", "cd"))),
                new StatusJson.LedgerJson(10, 2, 11, 0, 1), new HealthJson(true, null, 5),
                new StatusJson.Client("127.0.0.1", false));
    }

    @Test
    void whatTheServerWritesReadsBackEqualAndInOrder() throws Exception {
        StatusJson status = status();
        String text = ApiJson.MAPPER.writeValueAsString(status);
        assertEquals(status, ApiJson.MAPPER.readValue(text, StatusJson.class));
        assertEquals(List.of("SUBMITTED", "RUNNING", "DONE"),
                List.copyOf(ApiJson.MAPPER.readValue(text, StatusJson.class).work().searches().keySet()),
                "counts keep the API's order");
        assertTrue(text.startsWith("{\"self\":{\"id\":\"ab\",\"name\":null,\"clusterPort\":7800},\"view\""), text);

        MetricsJson metrics = MetricsJson.of(SHORT);
        MetricsJson read = ApiJson.MAPPER.readValue(ApiJson.MAPPER.writeValueAsString(metrics), MetricsJson.class);
        assertEquals(metrics, read, "an infinite profit factor and undefined figures survive the trip");
        assertEquals(SHORT, read.toMetrics());
    }

    @Test
    void aMissingFieldIsAnErrorNamingItWithItsPath() throws Exception {
        ObjectNode tree = ApiJson.MAPPER.valueToTree(status());
        ((ObjectNode) tree.get("throughput")).remove("cores");
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> ApiJson.MAPPER.treeToValue(tree, StatusJson.class));
        assertEquals("throughput.cores: missing", ApiJson.describe(e));

        ObjectNode nulled = ApiJson.MAPPER.valueToTree(status());
        ((ObjectNode) nulled.get("ledger")).putNull("events");
        e = assertThrows(JsonMappingException.class, () -> ApiJson.MAPPER.treeToValue(nulled, StatusJson.class));
        assertTrue(ApiJson.describe(e).startsWith("ledger.events: null"), ApiJson.describe(e));

        ObjectNode text = ApiJson.MAPPER.valueToTree(status());
        ((ObjectNode) text.get("peers")).put("known", "2");
        assertThrows(JsonMappingException.class, () -> ApiJson.MAPPER.treeToValue(text, StatusJson.class),
                "no coercion of text to a number");
    }

    @Test
    void nullableFieldsMustBePresentButMayBeNullAndUnknownOnesAreIgnored() throws Exception {
        ObjectNode tree = ApiJson.MAPPER.valueToTree(status());
        tree.putNull("view");
        tree.put("addedByALaterVersion", true);
        assertNull(ApiJson.MAPPER.treeToValue(tree, StatusJson.class).view());
        tree.remove("view");
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> ApiJson.MAPPER.treeToValue(tree, StatusJson.class));
        assertEquals("view: missing", ApiJson.describe(e));
    }

    @Test
    void anErrorInAListNamesItsIndex() throws Exception {
        ObjectNode tree = ApiJson.MAPPER.valueToTree(new PeersJson(List.of(
                new PeersJson.PeerJson("ab", "laptop", "ff", 4, 100, 100_000, "v1", true, true, true, List.of(),
                        PeersJson.WorkDone.NONE, 0, 1, new HealthJson(true, null, 0), 0L, null))));
        ((ObjectNode) tree.get("peers").get(0)).remove("machine");
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> ApiJson.MAPPER.treeToValue(tree, PeersJson.class));
        assertEquals("peers[0].machine: missing", ApiJson.describe(e));
    }
}
