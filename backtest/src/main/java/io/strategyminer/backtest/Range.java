package io.strategyminer.backtest;

/** Candle indices {@code [from, to)} of a dataset. */
public record Range(int from, int to) {
    public Range {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
        }
    }

    public int length() {
        return to - from;
    }
}
