package io.strategyminer.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.miner.SearchLimits;
import io.strategyminer.miner.SearchLimits.Limit;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.web.api.SearchParametersJson;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON form of a {@link SearchSpec}, one field per parameter under the names of {@link SearchLimits}: how the
 * API reads a submission (POST /api/searches), shows a search's parameters, and lists the parameters with their
 * limits for the dashboard's form (GET /api/search-parameters). One mapping, so the three cannot drift apart.
 */
final class SearchSpecJson {
    private static final String DATASET = "dataset";
    private static final String SEED = "seed";
    private static final String RISK = "risk";
    private static final String OBJECTIVE = "objective";
    private static final String ALLOW_SAME_MACHINE = "allowSameMachine";
    private static final String ANCHORED = "anchored";
    /** Every field a submission may have. */
    static final Set<String> FIELDS;

    static {
        TreeSet<String> fields = new TreeSet<>(Set.of(DATASET, SEED, RISK, OBJECTIVE, ALLOW_SAME_MACHINE, ANCHORED));
        SearchLimits.ALL.forEach(limit -> fields.add(limit.field()));
        FIELDS = Set.copyOf(fields);
        // what a search shows is what a submission takes: the record's fields are exactly these
        Set<String> shown = new TreeSet<>();
        Arrays.stream(SearchParametersJson.class.getRecordComponents()).forEach(c -> shown.add(c.getName()));
        if (!shown.equals(fields)) {
            throw new IllegalStateException("SearchParametersJson's fields " + shown + " are not a submission's "
                    + fields);
        }
    }

    private SearchSpecJson() {
    }

    /**
     * A submission: the dataset reference as given (resolved by the peer) and every other parameter, with the
     * defaults for those absent. The limits are checked when the peer builds the spec.
     *
     * @param dataset    a dataset id, unique id prefix or name
     * @param parameters the rest; without a seed unless one was given
     */
    record Submission(String dataset, SearchSpec.Builder parameters) {
    }

    /** Reads a submission; an unknown field or a value of the wrong type is a 400 naming it. */
    static Submission parse(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object of search parameters");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + ApiExchange.abbreviate(name) + "'; a search takes "
                        + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        JsonNode dataset = body.get(DATASET);
        if (dataset == null || !dataset.isTextual() || dataset.asText().isBlank() || dataset.asText().length() > 128) {
            throw ApiException.badRequest("dataset: required, a dataset id, id prefix or name of 1–128 characters"
                    + " (see GET /api/datasets)");
        }
        SearchSpec.Builder parameters = SearchSpec.builder()
                .splitPercent(whole(body, SearchLimits.SPLIT_PERCENT))
                .population(whole(body, SearchLimits.POPULATION))
                .generations(whole(body, SearchLimits.GENERATIONS))
                .minTrades(whole(body, SearchLimits.MIN_TRADES))
                .quorum(whole(body, SearchLimits.QUORUM))
                .feePct(decimal(body, SearchLimits.FEE_PCT))
                .slippagePct(decimal(body, SearchLimits.SLIPPAGE_PCT))
                .walkForward(whole(body, SearchLimits.WALK_FORWARD))
                .anchored(flag(body, ANCHORED))
                .risk(choice(body, RISK, RiskLevel.values(), SearchSpec.DEFAULT_RISK))
                // absent: the peer chooses by the dataset's length (SearchSpec.Builder.objectiveFor)
                .objective(choice(body, OBJECTIVE, Objective.values(), null))
                .allowSameMachine(flag(body, ALLOW_SAME_MACHINE));
        if (body.has(SearchLimits.WORK_UNITS.field())) {
            // absent: one unit per walk-forward window, or the default for a single split
            parameters.workUnits(whole(body, SearchLimits.WORK_UNITS));
        }
        JsonNode seed = body.get(SEED);
        if (seed != null && !seed.isNull()) {
            parameters.seed(seed(seed));
        }
        return new Submission(dataset.asText(), parameters);
    }

    /** A search's parameters, under the same names a submission uses (the dataset as its id). */
    static SearchParametersJson write(SearchSpec spec) {
        return new SearchParametersJson(spec.dataset().hex(), spec.splitPercent(), spec.population(),
                spec.generations(), spec.risk().name(), spec.objective().id(), spec.minTrades(), spec.workUnits(),
                spec.quorum(), spec.feePct(), spec.slippagePct(), Long.toString(spec.seed()), spec.allowSameMachine(),
                spec.walkForward(), spec.anchored());
    }

    /** Every parameter with its limits, default and meaning: what the dashboard's form is built from. */
    static ObjectNode parameters() {
        ObjectNode root = Json.object();
        ArrayNode numbers = root.putArray("numbers");
        for (Limit limit : SearchLimits.ALL) {
            ObjectNode node = numbers.addObject().put("field", limit.field()).put("option", limit.option())
                    .put("meaning", limit.meaning()).put("whole", limit.whole());
            if (limit.whole()) {
                node.put("min", (long) limit.min()).put("max", (long) limit.max()).put("default", limit.defaultInt());
            } else {
                node.put("min", limit.min()).put("max", limit.max()).put("default", limit.defaultValue());
            }
        }
        choices(root.putObject(RISK), RiskLevel.values(), SearchSpec.DEFAULT_RISK, level -> level.name());
        ObjectNode objective = root.putObject(OBJECTIVE);
        choices(objective, Objective.values(), SearchSpec.DEFAULT_OBJECTIVE, Objective::id);
        objective.put("shortRangeDefault", SearchSpec.SHORT_RANGE_OBJECTIVE.id())
                .put("shortRangeDays", Metrics.MIN_DAYS);
        return root;
    }

    private static <E extends Enum<E>> void choices(ObjectNode node, E[] values, E fallback, Function<E, String> name) {
        ArrayNode list = node.putArray("choices");
        Arrays.stream(values).forEach(v -> list.add(name.apply(v)));
        node.put("default", name.apply(fallback));
    }

    private static int whole(JsonNode body, Limit limit) {
        JsonNode value = body.get(limit.field());
        if (value == null) {
            return limit.defaultInt();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.badRequest(limit.field() + ": expected a whole number in " + limit.range() + ", got "
                    + ApiExchange.abbreviate(value.toString()));
        }
        return value.intValue();
    }

    private static double decimal(JsonNode body, Limit limit) {
        JsonNode value = body.get(limit.field());
        if (value == null) {
            return limit.defaultValue();
        }
        if (!value.isNumber()) {
            throw ApiException.badRequest(limit.field() + ": expected a number in " + limit.range() + ", got "
                    + ApiExchange.abbreviate(value.toString()));
        }
        return value.doubleValue();
    }

    /** A seed given as a JSON number or as decimal text: any 64-bit whole number. */
    private static long seed(JsonNode seed) {
        if (seed.isIntegralNumber() && seed.canConvertToLong()) {
            return seed.longValue();
        }
        if (seed.isTextual()) {
            try {
                return Long.parseLong(seed.asText().strip());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw ApiException.badRequest("seed: expected a 64-bit whole number (or its decimal text), got "
                + ApiExchange.abbreviate(seed.toString()));
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(field + ": expected true or false, got " + ApiExchange.abbreviate(value.toString()));
        }
        return value.booleanValue();
    }

    private static <E extends Enum<E>> E choice(JsonNode body, String field, E[] values, E fallback) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        String text = value.isTextual() ? value.asText().trim().toUpperCase(Locale.ROOT) : "";
        for (E v : values) {
            if (v.name().equals(text)) {
                return v;
            }
        }
        throw ApiException.badRequest(field + ": " + ApiExchange.abbreviate(value.toString()) + " is not one of "
                + String.join(", ", Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
