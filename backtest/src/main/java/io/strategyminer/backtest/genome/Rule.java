package io.strategyminer.backtest.genome;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;

/** Up to {@link #MAX_CONDITIONS} conditions joined by one {@link Combiner}. May be empty (an exit rule). */
public record Rule(@JsonProperty("combine") Combiner combiner, List<Condition> conditions) {
    public static final int MAX_CONDITIONS = 3;

    public Rule {
        if (combiner == null) {
            throw new IllegalArgumentException("a rule needs a combiner (AND or OR)");
        }
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (conditions.size() > MAX_CONDITIONS) {
            throw new IllegalArgumentException("a rule has at most " + MAX_CONDITIONS + " conditions, got "
                    + conditions.size());
        }
    }

    public static Rule none() {
        return new Rule(Combiner.AND, List.of());
    }

    public static Rule all(Condition... conditions) {
        return new Rule(Combiner.AND, List.of(conditions));
    }

    public static Rule any(Condition... conditions) {
        return new Rule(Combiner.OR, List.of(conditions));
    }

    /** Not a JSON field: without the annotation Jackson would write {@code "empty": false} into every rule. */
    @JsonIgnore
    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    @Override
    public String toString() {
        return conditions.stream().map(Condition::toString).collect(Collectors.joining(" " + combiner + " "));
    }
}
