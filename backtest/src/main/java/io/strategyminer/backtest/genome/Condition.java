package io.strategyminer.backtest.genome;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * "left op right", e.g. RSI(14) &lt; 30 or EMA(9) crosses above EMA(21). Both sides of an
 * indicator-to-indicator comparison must share a {@link Scale}; a threshold must lie in its
 * scale's range.
 */
public record Condition(Indicator left, @JsonProperty("op") Comparison comparison, Operand right) {
    public Condition {
        if (left == null || comparison == null || right == null) {
            throw new IllegalArgumentException("a condition needs left, op and right");
        }
        Scale scale = left.scale();
        // Java 17 has no pattern switch; Operand is sealed to exactly these two.
        if (right instanceof Indicator other) {
            if (other.scale() != scale) {
                throw new IllegalArgumentException("cannot compare " + left + " (" + scale + ") with "
                        + other + " (" + other.scale() + ")");
            }
            if (other.equals(left)) {
                throw new IllegalArgumentException("condition compares " + left + " with itself");
            }
        } else if (right instanceof Constant c) {
            if (!scale.allowsThreshold()) {
                throw new IllegalArgumentException(left + " is on the " + scale
                        + " scale, which takes no fixed threshold; compare it with another indicator");
            }
            if (c.value() < scale.thresholdMin() || c.value() > scale.thresholdMax()) {
                throw new IllegalArgumentException("threshold " + c + " for " + left + " outside ["
                        + Formatting.number(scale.thresholdMin()) + ", "
                        + Formatting.number(scale.thresholdMax()) + "]");
            }
        }
    }

    @Override
    public String toString() {
        return left + " " + comparison.words() + " " + right;
    }
}
