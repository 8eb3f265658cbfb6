package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.peer.doctor.SharedMachineFix;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
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
                + " backtests/s, leases), peers that announce one machine id (cloned VMs), throughput, work counts and"
                + " searches.",
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
        JsonNode status = api.get("/api/status");
        JsonNode peers = api.get("/api/peers").path("peers");
        JsonNode searches = api.get("/api/searches").path("searches");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = CliJson.object().put("peer", api.url());
            root.set("status", status);
            root.set("peers", peers);
            root.set("searches", searches);
            out.println(CliJson.pretty(root));
        } else {
            print(out, api.url(), status, peers, searches);
        }
        out.flush();
    }

    private static void print(PrintWriter out, String url, JsonNode status, JsonNode peers, JsonNode searches) {
        PeerNames names = PeerNames.of(peers);
        String self = status.path("self").path("id").asText();
        out.printf(Locale.ROOT, "Peer %s (%s) at %s%n", names.name(self), PeerNames.shortId(self), url);
        JsonNode health = status.path("health");
        boolean unhealthy = health.path("ok").isBoolean() && !health.path("ok").asBoolean();
        if (unhealthy) {
            out.printf(Locale.ROOT, "UNHEALTHY since %s: %s%n", SINCE.format(Instant.ofEpochMilli(health.path("since")
                    .asLong())), health.path("problem").asText());
        }
        JsonNode view = status.path("view");
        if (view.isObject()) {
            String coordinator = status.path("coordinator").asText();
            out.printf(Locale.ROOT, "View %s: %d member(s), coordinator %s (%s); %d peer(s) known%n", view.path("id").asText(),
                    view.path("members").size(), names.name(coordinator), PeerNames.shortId(coordinator),
                    status.path("peers").path("known").asInt());
        } else if (unhealthy) {
            out.println("Not in the cluster view while unhealthy.");
        } else {
            out.println("Not in a cluster view yet (still joining).");
        }
        JsonNode throughput = status.path("throughput");
        out.printf(Locale.ROOT, "Throughput: %d cores, %,.0f backtests/s%n", throughput.path("cores").asInt(),
                throughput.path("backtestsPerSecond").asDouble());
        for (JsonNode shared : status.path("sharedMachines")) {
            List<String> sharing = new ArrayList<>();
            shared.path("peers").forEach(id -> sharing.add(names.name(id.asText()) + " (" + PeerNames.shortId(id.asText())
                    + ")"));
            out.printf(Locale.ROOT, "WARNING: %s announce one machine id (%s): a quorum counts them as one peer. Fix: %s.%n",
                    String.join(" and ", sharing), PeerNames.shortId(shared.path("machine").asText()),
                    SharedMachineFix.TEXT);
        }

        out.println();
        out.printf(Locale.ROOT, "  %-20s %-8s %-18s %5s %12s  %s%n", "peer", "id", "role", "cores", "backtests/s",
                "leases");
        for (JsonNode p : peers) {
            out.printf(Locale.ROOT, "  %-20s %-8s %-18s %5d %,12.0f  %s%n", p.path("name").asText(),
                    PeerNames.shortId(p.path("id").asText()), role(p), p.path("cores").asInt(),
                    p.path("backtestsPerSecond").asDouble(), leases(p.path("leases")));
        }

        JsonNode work = status.path("work");
        out.println();
        out.println("Work: searches " + counts(work.path("searches")) + "; units " + counts(work.path("units"))
                + "; strategies " + counts(work.path("strategies")));
        JsonNode ledger = status.path("ledger");
        out.printf(Locale.ROOT, "Ledger: %,d events from %d origin(s), lamport %d, %d pending, %d rejected%n",
                ledger.path("events").asLong(), ledger.path("origins").asInt(), ledger.path("lamport").asLong(),
                ledger.path("pending").asLong(), ledger.path("rejected").asLong());
        if (!searches.isEmpty()) {
            out.println();
            out.println("Searches, newest first:");
            int shown = 0;
            for (JsonNode search : searches) {
                if (shown++ == SEARCHES_SHOWN) {
                    out.printf(Locale.ROOT, "  … and %d more (--json lists all)%n", searches.size() - SEARCHES_SHOWN);
                    break;
                }
                out.printf(Locale.ROOT, "  %s  %s%n", search.path("id").asText(), ResultsCommand.describe(search));
            }
        }
    }

    private static String role(JsonNode peer) {
        List<String> roles = new ArrayList<>();
        if (peer.path("self").asBoolean()) {
            roles.add("this peer");
        }
        if (peer.path("coordinator").asBoolean()) {
            roles.add("coordinator");
        }
        if (!peer.path("inView").asBoolean()) {
            roles.add("away");
        }
        if (peer.path("health").path("ok").isBoolean() && !peer.path("health").path("ok").asBoolean()) {
            roles.add("unhealthy");
        }
        return roles.isEmpty() ? "member" : String.join(", ", roles);
    }

    private static String leases(JsonNode leases) {
        if (leases.isEmpty()) {
            return "-";
        }
        List<String> held = new ArrayList<>();
        leases.forEach(l -> held.add(l.path("searchId").asText() + "/" + l.path("unit").asInt() + " "
                + l.path("kind").asText()));
        return String.join(", ", held);
    }

    /** {@code {"OPEN": 2, "DONE": 5}} as "2 open, 5 done", in the API's order. */
    private static String counts(JsonNode byStatus) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = byStatus.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            parts.add(entry.getValue().asInt() + " " + entry.getKey().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", parts);
    }
}
