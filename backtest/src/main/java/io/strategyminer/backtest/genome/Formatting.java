package io.strategyminer.backtest.genome;

import java.math.BigDecimal;

/** Number formatting for the readable sentence and the indicator names: no exponent, no trailing zeros. */
final class Formatting {
    private Formatting() {
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
