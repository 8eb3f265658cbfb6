package io.strategyminer.peer.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * What each sortable column of the dashboard's strategies table sorts by, read from the API's strategy summaries
 * (web/README.md), and the order a click on its header must give: the test's oracle for the table.
 */
final class StrategyColumns {
    /** The first click's direction: numbers biggest first (drawdowns smallest first), text A–Z. */
    enum Direction {
        ASC, DESC;

        String attribute() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Direction reversed() {
            return this == ASC ? DESC : ASC;
        }
    }

    /** A column: the key of its header ({@code th[data-key]}), its first direction, its value (null: missing). */
    record Column(String key, Direction first, Function<JsonNode, Comparable<?>> value) {
    }

    static final List<Column> ALL = List.of(
            new Column("strategy", Direction.ASC, s -> s.get("id").asText()),
            new Column("dataset", Direction.ASC, s -> s.at("/dataset/name").asText() + " "
                    + s.at("/dataset/symbol").asText() + " " + s.at("/dataset/timeframe").asText()),
            new Column("dsr", Direction.DESC, s -> number(s, "/significance/deflatedSharpe")),
            new Column("psr", Direction.DESC, s -> number(s, "/significance/probabilisticSharpe")),
            new Column("isSharpe", Direction.DESC, s -> number(s, "/inSample/sharpe")),
            new Column("isReturn", Direction.DESC, s -> number(s, "/inSample/returnPct")),
            new Column("isHold", Direction.DESC, s -> number(s, "/buyAndHold/inSample/returnPct")),
            new Column("isExcess", Direction.DESC, s -> number(s, "/excessReturnPct/inSample")),
            new Column("isTrades", Direction.DESC, s -> number(s, "/inSample/trades")),
            new Column("isDrawdown", Direction.ASC, s -> number(s, "/inSample/maxDrawdownPct")),
            new Column("oosReturn", Direction.DESC, s -> number(s, "/outOfSample/returnPct")),
            new Column("oosHold", Direction.DESC, s -> number(s, "/buyAndHold/outOfSample/returnPct")),
            new Column("oosSharpe", Direction.DESC, s -> number(s, "/outOfSample/sharpe")),
            new Column("oosDrawdown", Direction.ASC, s -> number(s, "/outOfSample/maxDrawdownPct")),
            new Column("peers", Direction.DESC, s -> (double) s.get("supportingPeers").size()));

    private StrategyColumns() {
    }

    /**
     * The ids of {@code ranked} (the API's order) sorted by {@code column} in {@code direction}: missing values last
     * either way, ties in the API's order.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<String> sorted(List<JsonNode> ranked, Column column, Direction direction) {
        Comparator<Integer> byValue = (a, b) -> {
            Comparable x = column.value().apply(ranked.get(a));
            Comparable y = column.value().apply(ranked.get(b));
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            return direction == Direction.ASC ? x.compareTo(y) : y.compareTo(x);
        };
        return IntStream.range(0, ranked.size()).boxed().sorted(byValue.thenComparing(Comparator.naturalOrder()))
                .map(i -> ranked.get(i).get("id").asText()).toList();
    }

    private static Double number(JsonNode strategy, String pointer) {
        JsonNode value = strategy.at(pointer);
        return value.isNumber() ? value.asDouble() : null;
    }
}
