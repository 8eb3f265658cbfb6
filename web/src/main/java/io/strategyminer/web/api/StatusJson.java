package io.strategyminer.web.api;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/status}: this peer, its view and coordinator, how many peers it knows, the view's throughput, the
 * work in its ledger by status, peers sharing a machine id, its ledger, its health and who asked (web/README.md).
 *
 * @param view        null before this peer joined a view (or while it is unhealthy)
 * @param coordinator the view's coordinator (peer id); null without a view
 */
public record StatusJson(Self self, View view, String coordinator, PeerCounts peers, Throughput throughput, Work work,
                         List<SharedMachineJson> sharedMachines, LedgerJson ledger, HealthJson health, Client client) {

    /** @param name null until it announced itself; @param clusterPort its JGroups port, null if it has none */
    public record Self(String id, String name, Integer clusterPort) {
    }

    /** @param members peer ids in view order */
    public record View(long id, List<String> members) {
    }

    /** @param known peers announced in the ledger; @param inView members of the view */
    public record PeerCounts(int known, int inView) {
    }

    /**
     * Sums over the view's members (every known peer without a view) of the capacity each peer measured on the work it
     * runs and announced.
     *
     * @param candleStepsPerSecond the summed capacity in candle-steps (backtests × candles backtested) per second
     * @param backtestsPerSecond   the same as backtests per second of {@code backtestCandles} candles each
     * @param backtestCandles      candles a backtest of the current work covers: the in-sample range of the oldest
     *                             unfinished search (its first unit), or 1,000 (the ledger's unit) when none is open or
     *                             its dataset is not known here
     */
    public record Throughput(int cores, double backtestsPerSecond, double candleStepsPerSecond, int backtestCandles) {
    }

    /**
     * Counts by status name, in the order of each status enum, every status present (0 when none): maps rather than
     * fields, so that a status the ledger adds shows up without a change here.
     */
    public record Work(Map<String, Integer> searches, Map<String, Integer> units, Map<String, Integer> strategies) {
    }

    /** Members of the view announcing one machine id: a quorum counts them as one peer. */
    public record SharedMachineJson(String machine, List<String> peers) {
    }

    /** @param rejected events refused, every reason summed */
    public record LedgerJson(long events, int origins, long lamport, int pending, long rejected) {
    }

    /** The request's source address as the server sees it (null if unknown), and whether its POSTs need the token. */
    public record Client(String address, boolean changesNeedToken) {
    }
}
