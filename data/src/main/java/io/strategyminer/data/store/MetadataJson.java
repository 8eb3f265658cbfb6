package io.strategyminer.data.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.strategyminer.data.MarketCalendar;
import io.strategyminer.data.suspect.CandleValues;
import io.strategyminer.data.suspect.CleanedCandle;
import io.strategyminer.data.suspect.Cleaning;
import io.strategyminer.data.suspect.SuspectKind;
import io.strategyminer.data.suspect.SuspectPolicy;

/**
 * The JSON form of a dataset's {@link Cleaning} and {@link MarketCalendar}: what the store keeps in a
 * dataset's description and what {@code peer data list --json} prints, so both read the same. Values are
 * written as the shortest decimals that read back to the same doubles, so a cleaning read back hashes to the
 * same dataset id.
 * <pre>
 * cleaning: {"policy": "repair", "summary": "repaired 1 suspect candle",
 *            "candles": [{"time": 1498060800, "at": "2017-06-21T16:00:00Z", "location": "candles[2373]",
 *                         "kinds": ["SPIKE"], "why": "low 0.1 is …",
 *                         "before": {"open": …, "high": …, "low": …, "close": …, "volume": …},
 *                         "after": {…} or null when dropped}]}
 * calendar: {"label": "weekdays only (Mon–Fri)", "closed": [{"from": 432000, "to": 604800,
 *            "text": "Sat 00:00 → Mon 00:00"}]}   (seconds of the week since Monday 00:00 UTC)
 * </pre>
 */
public final class MetadataJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetadataJson() {
    }

    public static ObjectNode toJson(Cleaning cleaning) {
        ObjectNode node = NODES.objectNode();
        node.put("policy", cleaning.isNone() ? "none" : cleaning.policy().label());
        node.put("summary", cleaning.summary());
        ArrayNode candles = node.putArray("candles");
        for (CleanedCandle c : cleaning.candles()) {
            ObjectNode n = candles.addObject();
            n.put("time", c.time());
            n.put("at", Instant.ofEpochSecond(c.time()).toString());
            n.put("location", c.location());
            ArrayNode kinds = n.putArray("kinds");
            c.kinds().forEach(k -> kinds.add(k.name()));
            n.put("why", c.why());
            n.set("before", values(c.before()));
            n.set("after", c.dropped() ? NODES.nullNode() : values(c.after()));
        }
        return node;
    }

    /**
     * @throws IllegalArgumentException when the JSON is not a cleaning this class wrote
     */
    public static Cleaning cleaning(JsonNode node) {
        if (node == null || node.isNull()) {
            return Cleaning.NONE;
        }
        String policy = text(node, "policy");
        if (policy.equals("none")) {
            return Cleaning.NONE;
        }
        List<CleanedCandle> candles = new ArrayList<>();
        for (JsonNode n : array(node, "candles")) {
            List<SuspectKind> kinds = new ArrayList<>();
            for (JsonNode k : array(n, "kinds")) {
                kinds.add(SuspectKind.valueOf(k.asText()));
            }
            JsonNode after = n.get("after");
            candles.add(new CleanedCandle(number(n, "time"), text(n, "location"), kinds, text(n, "why"),
                    values(n.get("before")), after == null || after.isNull() ? null : values(after)));
        }
        return new Cleaning(SuspectPolicy.parse(policy), candles);
    }

    public static ObjectNode toJson(MarketCalendar calendar) {
        ObjectNode node = NODES.objectNode();
        node.put("label", calendar.label());
        ArrayNode closed = node.putArray("closed");
        for (MarketCalendar.ClosedSpan span : calendar.closed()) {
            closed.addObject().put("from", span.from()).put("to", span.to()).put("text", span.toString());
        }
        return node;
    }

    /**
     * @throws IllegalArgumentException when the JSON is not a calendar this class wrote
     */
    public static MarketCalendar calendar(JsonNode node) {
        List<MarketCalendar.ClosedSpan> spans = new ArrayList<>();
        for (JsonNode span : array(node, "closed")) {
            spans.add(new MarketCalendar.ClosedSpan(number(span, "from"), number(span, "to")));
        }
        return new MarketCalendar(text(node, "label"), spans);
    }

    private static ObjectNode values(CandleValues v) {
        return NODES.objectNode().put("open", v.open()).put("high", v.high()).put("low", v.low())
                .put("close", v.close()).put("volume", v.volume());
    }

    private static CandleValues values(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("candle values missing");
        }
        return new CandleValues(decimal(n, "open"), decimal(n, "high"), decimal(n, "low"), decimal(n, "close"),
                decimal(n, "volume"));
    }

    private static double decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a number");
        }
        return value.doubleValue();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not text");
        }
        return value.asText();
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a whole number");
        }
        return value.asLong();
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not an array");
        }
        return value;
    }
}
