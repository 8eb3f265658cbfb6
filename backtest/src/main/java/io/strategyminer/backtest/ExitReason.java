package io.strategyminer.backtest;

/** Why a trade closed. */
public enum ExitReason {
    SIGNAL, STOP_LOSS, TAKE_PROFIT, TRAILING_STOP, MAX_BARS, END_OF_DATA
}
