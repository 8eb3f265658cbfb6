package io.strategyminer.backtest.genome;

import com.fasterxml.jackson.annotation.JsonValue;

/** A fixed threshold, such as the 30 in "RSI(14) &lt; 30". */
public record Constant(@JsonValue double value) implements Operand {
    public Constant {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a threshold must be a finite number, got " + value);
        }
    }

    @Override
    public String toString() {
        return Formatting.number(value);
    }
}
