package io.strategyminer.backtest.genome;

import java.util.ArrayList;
import java.util.List;

/**
 * A long-only trading strategy: enter when the entry rule holds on a candle's close, leave when
 * the exit rule holds or a stop, target, trailing stop or holding limit is hit.
 *
 * @param entry           1–3 conditions
 * @param exit            0–3 conditions (exits may rely on stops alone)
 * @param stopLossPct     stop-loss distance below the entry fill, percent; 0 = none
 * @param takeProfitPct   take-profit distance above the entry fill, percent; 0 = none
 * @param trailingStopPct trailing stop distance below the highest high since entry, percent; 0 = none
 * @param maxBarsHeld     leave after this many candles in the trade; 0 = no limit
 * @param positionPct     share of current equity put into each trade, percent
 * @param risk            the bounds the other fields must respect
 */
public record Genome(Rule entry, Rule exit, double stopLossPct, double takeProfitPct, double trailingStopPct,
                     int maxBarsHeld, double positionPct, RiskLevel risk) {
    public static final int MAX_BARS_LIMIT = 10_000;

    public Genome {
        List<String> problems = problems(entry, exit, stopLossPct, takeProfitPct, trailingStopPct, maxBarsHeld,
                positionPct, risk);
        if (!problems.isEmpty()) {
            throw new InvalidGenomeException(problems);
        }
    }

    private static List<String> problems(Rule entry, Rule exit, double stopLossPct, double takeProfitPct,
                                         double trailingStopPct, int maxBarsHeld, double positionPct,
                                         RiskLevel risk) {
        List<String> problems = new ArrayList<>();
        if (risk == null) {
            problems.add("risk level is required (LOW, MEDIUM or HIGH)");
            return problems;
        }
        if (entry == null || entry.isEmpty()) {
            problems.add("the entry rule needs at least one condition");
        }
        if (exit == null) {
            problems.add("the exit rule is required (it may have no conditions)");
        }
        checkRange(problems, "position size", positionPct, risk.minPositionPct(), risk.maxPositionPct(), risk);
        if (stopLossPct == 0) {
            if (risk.stopRequired()) {
                problems.add(risk + " risk requires a stop-loss");
            }
        } else {
            checkRange(problems, "stop-loss", stopLossPct, risk.minStopPct(), risk.maxStopPct(), risk);
        }
        if (takeProfitPct != 0) {
            checkRange(problems, "take-profit", takeProfitPct, 0.1, risk.maxTakeProfitPct(), risk);
        }
        if (trailingStopPct != 0) {
            checkRange(problems, "trailing stop", trailingStopPct, 0.1, risk.maxTrailingPct(), risk);
        }
        if (maxBarsHeld < 0 || maxBarsHeld > MAX_BARS_LIMIT) {
            problems.add("max bars held " + maxBarsHeld + " outside [0, " + MAX_BARS_LIMIT + "]");
        }
        boolean hasExit = (exit != null && !exit.isEmpty()) || stopLossPct > 0 || takeProfitPct > 0
                || trailingStopPct > 0 || maxBarsHeld > 0;
        if (!hasExit) {
            problems.add("the strategy never exits: give it exit conditions, a stop, a target or a holding limit");
        }
        return problems;
    }

    private static void checkRange(List<String> problems, String what, double value, double min, double max,
                                   RiskLevel risk) {
        if (!(value >= min && value <= max)) {
            problems.add(what + " " + Formatting.number(value) + " % outside [" + Formatting.number(min) + ", "
                    + Formatting.number(max) + "] % for " + risk + " risk");
        }
    }

    /** Every distinct indicator the genome reads, entry first, in rule order, without repeats. */
    public List<Indicator> indicators() {
        List<Indicator> out = new ArrayList<>(6);
        for (Rule rule : List.of(entry, exit)) {
            for (Condition c : rule.conditions()) {
                addOnce(out, c.left());
                if (c.right() instanceof Indicator i) {
                    addOnce(out, i);
                }
            }
        }
        return out;
    }

    private static void addOnce(List<Indicator> out, Indicator indicator) {
        if (!out.contains(indicator)) {
            out.add(indicator);
        }
    }

    /**
     * The strategy as a trader reads it, e.g. "BUY when RSI(14) &lt; 30 AND EMA(9) crosses above EMA(21);
     * SELL when RSI(14) &gt; 70; stop 2 %, target 4 %; size 50 % (MEDIUM risk)".
     */
    public String toSentence() {
        StringBuilder s = new StringBuilder("BUY when ").append(entry);
        List<String> exits = new ArrayList<>();
        if (stopLossPct > 0) {
            exits.add("stop " + Formatting.number(stopLossPct) + " %");
        }
        if (takeProfitPct > 0) {
            exits.add("target " + Formatting.number(takeProfitPct) + " %");
        }
        if (trailingStopPct > 0) {
            exits.add("trailing stop " + Formatting.number(trailingStopPct) + " %");
        }
        if (maxBarsHeld > 0) {
            exits.add("at most " + maxBarsHeld + " bars");
        }
        if (!exit.isEmpty()) {
            s.append("; SELL when ").append(exit);
        }
        if (!exits.isEmpty()) {
            s.append("; ").append(String.join(", ", exits));
        }
        return s.append("; size ").append(Formatting.number(positionPct)).append(" % (").append(risk)
                .append(" risk)").toString();
    }

    @Override
    public String toString() {
        return toSentence();
    }
}
