package io.strategyminer.peer.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Measured figures over the rounds of a run, printed as distributions (n, p50, p95, max). */
final class Figures {
    static final String DETECTION = "detection: fault -> view without the peer (s)";
    static final String FIRST_LEASE = "coordinator lost -> new coordinator's first lease (s)";
    static final String WORK_LOST = "work lost to a fault (generations)";
    static final String HEAL = "heal -> converged: one view, same canonical set and ledger (s)";
    static final String WAKE = "wake (SIGCONT) -> caught up (s)";
    static final String RESTART = "restart after kill -9 -> caught up (s)";
    static final String EMPTY_DISK = "restart with an empty or corrupt ledger -> caught up (s)";
    static final String DISK_FREED = "disk freed -> back in the view and caught up (s)";
    static final String DISK_DETECTION = "disk filled -> peer out of every view (s)";
    static final String LOSS_HEAL = "packet loss ends -> converged (s)";

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    synchronized void add(String figure, double value) {
        values.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
    }

    synchronized void addAll(Figures other) {
        other.values.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }

    synchronized List<Double> of(String figure) {
        return List.copyOf(values.getOrDefault(figure, List.of()));
    }

    /** The nearest-rank percentile of {@code sorted} (non-empty, ascending). */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    synchronized String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-64s %4s %8s %8s %8s%n", "figure", "n", "p50", "p95", "max"));
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            List<Double> sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            out.append(String.format("%-64s %4d %8.1f %8.1f %8.1f%n", e.getKey(), sorted.size(),
                    percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1)));
        }
        return out.toString();
    }
}
