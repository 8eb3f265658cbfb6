package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.peer.doctor.SharedMachineFix;
import io.strategyminer.web.api.HealthJson;
import io.strategyminer.web.api.PeersJson;
import io.strategyminer.web.api.PeersJson.PeerJson;
import io.strategyminer.web.api.SearchJson;
import io.strategyminer.web.api.SearchesJson;
import io.strategyminer.web.api.StatusJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer status}: the cluster as one running peer sees it: the view and its coordinator, every known peer
 * with its capacity and current leases, the total throughput, the work in the ledger and the searches.
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The cluster as a running peer sees it: its health (a full disk), view, coordinator, peers (cores,"
                + " capacity measured on the work they run in candle-steps/s and backtests/s, share of the work done"
                + " beside share of the capacity, leases), peers that announce one machine id (cloned VMs), throughput,"
                + " work counts and searches.",
                "--json prints {\"peer\", \"status\": GET /api/status, \"peers\": [GET /api/peers], \"searches\":"
                        + " [GET /api/searches]} (see README.md)."})
final class StatusCommand implements Runnable {
    private static final int SEARCHES_SHOWN = 10;
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOption peer;

    @Option(names = "--json", description = "Machine-readable output (stable, see above).")
    boolean json;

    @Override
    public void run() {
        PeerApi api = peer.api(Optional.empty());
        StatusJson status = api.get("/api/status", StatusJson.class);
        List<PeerJson> peers = api.get("/api/peers", PeersJson.class).peers();
        List<SearchJson> searches = api.get("/api/searches", SearchesJson.class).searches();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = CliJson.object().put("peer", api.url());
            root.set("status", CliJson.tree(status));
            root.set("peers", CliJson.tree(peers));
            root.set("searches", CliJson.tree(searches));
            out.println(CliJson.pretty(root));
        } else {
            print(out, api.url(), status, peers, searches);
        }
        out.flush();
    }

    private static void print(PrintWriter out, String url, StatusJson status, List<PeerJson> peers,
                              List<SearchJson> searches) {
        PeerNames names = PeerNames.of(peers);
        String self = status.self().id();
        out.printf(Locale.ROOT, "Peer %s (%s) at %s%n", names.name(self), PeerNames.shortId(self), url);
        HealthJson health = status.health();
        if (!health.ok()) {
            out.printf(Locale.ROOT, "UNHEALTHY since %s: %s%n", SINCE.format(Instant.ofEpochMilli(health.since())),
                    health.problem());
        }
        StatusJson.View view = status.view();
        if (view != null) {
            String coordinator = status.coordinator();
            out.printf(Locale.ROOT, "View %d: %d member(s), coordinator %s (%s); %d peer(s) known%n", view.id(),
                    view.members().size(), names.name(coordinator), PeerNames.shortId(coordinator),
                    status.peers().known());
        } else if (!health.ok()) {
            out.println("Not in the cluster view while unhealthy.");
        } else {
            out.println("Not in a cluster view yet (still joining).");
        }
        StatusJson.Throughput throughput = status.throughput();
        out.printf(Locale.ROOT, "Throughput: %d cores, %,.0f backtests/s of %,d candles = %s candle-steps/s"
                        + " (each peer's capacity measured on the work it runs)%n", throughput.cores(),
                throughput.backtestsPerSecond(), throughput.backtestCandles(), steps(throughput.candleStepsPerSecond()));
        for (StatusJson.SharedMachineJson shared : status.sharedMachines()) {
            List<String> sharing = new ArrayList<>();
            shared.peers().forEach(id -> sharing.add(names.name(id) + " (" + PeerNames.shortId(id) + ")"));
            out.printf(Locale.ROOT, "WARNING: %s announce one machine id (%s): a quorum counts them as one peer. Fix: %s.%n",
                    String.join(" and ", sharing), PeerNames.shortId(shared.machine()), SharedMachineFix.TEXT);
        }

        out.println();
        out.printf(Locale.ROOT, "  %-20s %-8s %-18s %5s %15s %12s %6s %6s  %s%n", "peer", "id", "role", "cores",
                "candle-steps/s", "backtests/s", "work", "cap.", "leases");
        for (PeerJson p : peers) {
            out.printf(Locale.ROOT, "  %-20s %-8s %-18s %5d %15s %,12.0f %5.1f%% %5.1f%%  %s%n", p.name(),
                    PeerNames.shortId(p.id()), role(p), p.cores(), steps(p.candleStepsPerSecond()),
                    p.backtestsPerSecond(), 100 * p.workShare(), 100 * p.capacityShare(), leases(p.leases()));
        }

        StatusJson.Work work = status.work();
        out.println();
        out.println("Work: searches " + counts(work.searches()) + "; units " + counts(work.units())
                + "; strategies " + counts(work.strategies()));
        StatusJson.LedgerJson ledger = status.ledger();
        out.printf(Locale.ROOT, "Ledger: %,d events from %d origin(s), lamport %d, %d pending, %d rejected%n",
                ledger.events(), ledger.origins(), ledger.lamport(), ledger.pending(), ledger.rejected());
        if (!searches.isEmpty()) {
            out.println();
            out.println("Searches, newest first:");
            int shown = 0;
            for (SearchJson search : searches) {
                if (shown++ == SEARCHES_SHOWN) {
                    out.printf(Locale.ROOT, "  … and %d more (--json lists all)%n", searches.size() - SEARCHES_SHOWN);
                    break;
                }
                out.printf(Locale.ROOT, "  %s  %s%n", search.id(), ResultsCommand.describe(search));
            }
        }
    }

    /** Candle-steps per second, short: "275 k", "1.50 M", "2.10 G". */
    static String steps(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.0f k", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    private static String role(PeerJson peer) {
        List<String> roles = new ArrayList<>();
        if (peer.self()) {
            roles.add("this peer");
        }
        if (peer.coordinator()) {
            roles.add("coordinator");
        }
        if (!peer.inView()) {
            roles.add("away");
        }
        if (peer.health() != null && !peer.health().ok()) {
            roles.add("unhealthy");
        }
        return roles.isEmpty() ? "member" : String.join(", ", roles);
    }

    private static String leases(List<PeersJson.LeaseHeld> leases) {
        if (leases.isEmpty()) {
            return "-";
        }
        List<String> held = new ArrayList<>();
        leases.forEach(l -> held.add(l.searchId() + "/" + l.unit() + " " + l.kind()));
        return String.join(", ", held);
    }

    /** {@code {"OPEN": 2, "DONE": 5}} as "2 open, 5 done", in the API's order. */
    private static String counts(Map<String, Integer> byStatus) {
        List<String> parts = new ArrayList<>();
        byStatus.forEach((status, count) -> parts.add(count + " " + status.toLowerCase(Locale.ROOT)));
        return String.join(", ", parts);
    }
}
