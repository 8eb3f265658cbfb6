package io.strategyminer.peer.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.consensus.LeasePolicy;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.doctor.Probes.DataDirState;
import io.strategyminer.peer.doctor.Probes.JavaRuntime;
import io.strategyminer.peer.doctor.Probes.MulticastResult;
import io.strategyminer.peer.doctor.Probes.PortState;
import io.strategyminer.peer.doctor.Probes.Protocol;
import io.strategyminer.peer.doctor.Probes.RunningPeer;
import io.strategyminer.peer.doctor.Probes.SeedAnswer;
import io.strategyminer.peer.runtime.DiskPolicy;
import io.strategyminer.peer.runtime.PeerClocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each observation of {@link Probes} means for a cluster, and what to do about it: pure functions from what was
 * seen to a {@link Finding}, so each check is tested on made-up observations.
 */
final class Checks {
    static final int MIN_JAVA = 17;
    /** Clocks this far apart are worth fixing: the figure is measured one way and includes the network delay. */
    static final long CLOCK_WARN_MILLIS = 2_000;
    /**
     * Clocks as far apart as the shortest lease fail: lease deadlines are wall-clock times the next coordinator judges
     * by its own clock, so it would see fresh leases as long expired (or stale ones as live).
     */
    static final long CLOCK_FAIL_MILLIS = LeasePolicy.DEFAULT.deadlineFloorMillis();
    private static final Pattern PMSET_SLEEP = Pattern.compile("(?m)^\\s*sleep\\s+(\\d+)");

    private Checks() {
    }

    static Finding java(JavaRuntime java) {
        String seen = "Java " + java.version() + " (" + java.vendor() + ", " + java.home() + ")";
        if (java.feature() < MIN_JAVA) {
            return Finding.fail("java", seen + ": peer.jar needs Java " + MIN_JAVA + " or newer",
                    "install Java " + MIN_JAVA + "+ (e.g. Temurin 21) and run the jar with it; `java -version` shows"
                            + " which one the shell finds");
        }
        return Finding.ok("java", seen);
    }

    /**
     * One port a peer needs: {@code purpose} is "cluster", "sync", "failure detection" (the three of {@code --port})
     * or "HTTP".
     */
    record PortCheck(int port, String purpose, Protocol protocol, PortState state) {
        boolean clusterGroup() {
            return !purpose.equals("HTTP");
        }

        String label() {
            return port + "/" + protocol.label() + " (" + purpose + ")";
        }
    }

    /**
     * The ports are free, or held by the peer that answers at {@code --peer} (it runs here, so they are in use as
     * they should be), or taken by something else — which stops a peer from starting.
     *
     * @param peerHttpPort the port of the {@code --peer} URL
     */
    static Finding ports(List<PortCheck> ports, RunningPeer peer, int peerHttpPort) {
        OptionalInt peerClusterPort = peer.status().map(s -> s.path("self").path("clusterPort"))
                .filter(JsonNode::isInt).map(n -> OptionalInt.of(n.asInt())).orElse(OptionalInt.empty());
        List<String> free = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        List<String> others = new ArrayList<>();
        List<String> notLocal = new ArrayList<>();
        for (PortCheck check : ports) {
            PortState state = check.state();
            switch (state.availability()) {
                case FREE -> free.add(check.label());
                case NOT_LOCAL -> notLocal.add(check.label() + ": " + state.detail());
                case TAKEN -> {
                    boolean heldByPeer = peer.answeredApi() && (check.clusterGroup()
                            ? peerClusterPort.isPresent() && check.port() >= peerClusterPort.getAsInt()
                            && check.port() <= peerClusterPort.getAsInt() + ClusterConfig.FAILURE_DETECTION_PORT_OFFSET
                            : check.port() == peerHttpPort);
                    (heldByPeer ? ours : others).add(check.label());
                }
            }
        }
        List<String> parts = new ArrayList<>();
        if (!others.isEmpty()) {
            String holder = !peer.answeredApi() ? "another program, or a peer whose HTTP API is not at " + peer.url()
                    : "another program or peer, not " + peerName(peer) + peerClusterPort.stream()
                    .mapToObj(p -> " (which uses " + p + "–" + (p + ClusterConfig.FAILURE_DETECTION_PORT_OFFSET) + ")")
                    .findFirst().orElse("");
            parts.add(String.join(", ", others) + ": taken by " + holder);
        }
        if (!ours.isEmpty()) {
            parts.add(String.join(", ", ours) + ": in use by the peer running here, " + peerName(peer));
        }
        if (!free.isEmpty()) {
            parts.add(String.join(", ", free) + ": free");
        }
        if (!others.isEmpty()) {
            int first = ports.stream().filter(p -> others.contains(p.label())).findFirst().orElseThrow().port();
            return Finding.fail("ports", String.join("; ", parts), "find what holds it (Linux: `sudo ss -ltnup | grep"
                    + " :" + first + "`, macOS: `lsof -nP -i :" + first + "`, Windows: `netstat -ano | findstr :" + first
                    + "`) and stop it, or give this peer other ports: --port P uses P, P+1 and P+2 (e.g. --port 7810),"
                    + " --http 127.0.0.1:8081 the HTTP one");
        }
        if (!notLocal.isEmpty()) {
            boolean clusterNotLocal = ports.stream().anyMatch(p -> p.clusterGroup()
                    && p.state().availability() == PortState.Availability.NOT_LOCAL);
            if (clusterNotLocal) {
                return Finding.fail("ports", String.join("; ", notLocal), "--bind takes an address of this machine"
                        + " (`ip -br addr` on Linux, `ifconfig` on macOS, `ipconfig` on Windows list them)");
            }
            parts.add("HTTP port not checked: --peer names another machine");
        }
        if (!ours.isEmpty()) {
            return Finding.ok("ports", String.join("; ", parts) + " (a second peer on this machine needs its own --port,"
                    + " --http and --data-dir)");
        }
        return Finding.ok("ports", String.join("; ", parts));
    }

    static Finding dataDir(Path dir, DataDirState state, DiskPolicy policy) {
        if (state.notWritable().isPresent()) {
            return Finding.fail("data-dir", "cannot write in " + dir + ": " + state.notWritable().get(),
                    "make it this user's (`sudo chown -R $USER " + dir + "`) or choose another --data-dir");
        }
        if (state.shortage().isPresent()) {
            return Finding.fail("data-dir", state.shortage().get(), "free space on that disk, or move the data dir"
                    + " (--data-dir) to a disk with more than " + mebibytes(policy.minFreeBytes()) + " MiB free");
        }
        return Finding.ok("data-dir", dir + (state.exists() ? "" : " (not created yet)") + ": writable, "
                + mebibytes(state.usableBytes()) + " MiB free (a peer keeps " + mebibytes(policy.minFreeBytes())
                + " MiB in reserve)");
    }

    static Finding multicastNotUsed() {
        return Finding.skip("multicast", "not applicable: with --seeds peers find each other over TCP");
    }

    static Finding multicast(ClusterConfig.Multicast group, MulticastResult result) {
        String where = group.group().getHostAddress() + ":" + group.port();
        String seedsFix = "give every peer the same --seeds HOST:PORT,… of its always-on members and --bind its own"
                + " address (TCP discovery: what VPNs such as Tailscale need anyway)";
        return switch (result.outcome()) {
            case RECEIVED -> result.loopback()
                    ? Finding.warn("multicast", "a datagram to " + where + " came back on " + result.iface() + ", the"
                    + " loopback interface: no LAN interface is up, so only peers on this machine can find this one",
                    "connect this machine to the LAN, or " + seedsFix)
                    : Finding.ok("multicast", "a datagram to " + where + " came back on " + result.iface() + " in "
                    + result.detail() + ": this machine sends and receives LAN multicast (whether the network passes"
                    + " it between machines shows when their peers find each other)");
            case NOT_RECEIVED -> Finding.fail("multicast", "a datagram sent to " + where + " on " + result.iface()
                    + " did not come back within " + result.detail() + ": a firewall or the interface drops multicast",
                    "allow UDP port " + group.port() + " and the group " + group.group().getHostAddress() + " in this"
                            + " machine's firewall, or " + seedsFix);
            case NO_ROUTE -> Finding.fail("multicast", "no multicast on " + result.iface() + ": " + result.detail()
                    + " (no multicast route in the kernel, or a sandbox or VPN without it)", seedsFix);
        };
    }

    static Finding seeds(List<SeedAnswer> answers) {
        if (answers.isEmpty()) {
            return Finding.skip("seeds", "not applicable: no --seeds, so peers find each other by multicast on the LAN");
        }
        List<String> silent = new ArrayList<>();
        List<String> answering = new ArrayList<>();
        for (SeedAnswer answer : answers) {
            (answer.answered() ? answering : silent).add(answer.seed() + " (" + answer.detail() + ")");
        }
        if (silent.isEmpty()) {
            return Finding.ok("seeds", "every seed answers a TCP connect: " + String.join(", ", answering));
        }
        String finding = "no answer from " + String.join(", ", silent)
                + (answering.isEmpty() ? "" : "; answering: " + String.join(", ", answering));
        String fix = "start the peer there, check the address (on Tailscale `tailscale ip -4` on that machine) and that"
                + " its firewall lets TCP to that port in; a seed that is this machine answers once its peer runs";
        return answering.isEmpty() ? Finding.fail("seeds", finding, fix) : Finding.warn("seeds", finding, fix);
    }

    /** Peers of the view that announce one machine id count as one for a quorum ({@code sharedMachines}). */
    static Finding machineIds(RunningPeer peer) {
        if (!peer.answeredApi()) {
            return notMeasurable("machine-ids", peer);
        }
        JsonNode shared = peer.status().orElseThrow().path("sharedMachines");
        int members = peer.status().orElseThrow().path("view").path("members").size();
        if (shared.isEmpty()) {
            return Finding.ok("machine-ids", "the " + members + " peer(s) in the view announce " + members
                    + " distinct machine id(s)");
        }
        Map<String, String> names = names(peer);
        List<String> groups = new ArrayList<>();
        for (JsonNode machine : shared) {
            List<String> peers = new ArrayList<>();
            machine.path("peers").forEach(id -> peers.add(names.getOrDefault(id.asText(), shortId(id.asText()))));
            groups.add(String.join(" and ", peers) + " announce one machine id (" + shortId(machine.path("machine")
                    .asText()) + ")");
        }
        return Finding.warn("machine-ids", String.join("; ", groups) + ": a quorum counts them as one peer, so"
                + " with only them a search of quorum 2 never gets a canonical strategy", SharedMachineFix.TEXT);
    }

    /** The others' clocks as this peer measured them ({@code clockOffsetMillis} of {@code /api/peers}). */
    static Finding clock(RunningPeer peer) {
        if (!peer.answeredApi()) {
            return notMeasurable("clock", peer);
        }
        int others = 0;
        String worst = null;
        long worstOffset = 0;
        for (JsonNode p : peer.peers().orElseThrow().path("peers")) {
            if (p.path("self").asBoolean() || !p.path("inView").asBoolean()) {
                continue;
            }
            others++;
            JsonNode offset = p.path("clockOffsetMillis");
            if (offset.isIntegralNumber() && (worst == null || Math.abs(offset.asLong()) > Math.abs(worstOffset))) {
                worst = p.path("name").asText();
                worstOffset = offset.asLong();
            }
        }
        if (others == 0) {
            return Finding.skip("clock", "not measurable: no other peer is in the view of " + peerName(peer));
        }
        if (worst == null) {
            return Finding.skip("clock", "not measurable yet: the other peers' clocks arrive every "
                    + PeerClocks.PERIOD.toSeconds() + " s (or they run an older peer.jar); run the doctor again");
        }
        String seen = worst + "'s clock is " + seconds(Math.abs(worstOffset)) + (worstOffset >= 0 ? " ahead of " : " behind ")
                + peerName(peer) + "'s (the largest of " + others + " other peer(s); measured one way, so it includes"
                + " the network delay)";
        String fix = "turn on network time on every machine: Linux `sudo timedatectl set-ntp true`, macOS System Settings"
                + " › General › Date & Time › Set time automatically, Windows Settings › Time & language › Sync now";
        long size = Math.abs(worstOffset);
        if (size >= CLOCK_FAIL_MILLIS) {
            return Finding.fail("clock", seen + ": lease deadlines are wall-clock times the next coordinator judges by"
                    + " its own clock", fix);
        }
        return size >= CLOCK_WARN_MILLIS ? Finding.warn("clock", seen, fix) : Finding.ok("clock", seen);
    }

    /** macOS sleeps on idle unless told not to; a sleeping peer leaves the view and rejoins on waking. */
    static Finding sleep(String osName, Optional<String> powerSettings) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
            return Finding.skip("sleep", "not applicable on " + osName + ": this check reads macOS's `pmset -g`");
        }
        if (powerSettings.isEmpty()) {
            return Finding.skip("sleep", "not measurable: `pmset -g` could not be run");
        }
        Matcher sleep = PMSET_SLEEP.matcher(powerSettings.get());
        if (!sleep.find()) {
            return Finding.skip("sleep", "not measurable: `pmset -g` shows no sleep setting");
        }
        int minutes = Integer.parseInt(sleep.group(1));
        if (minutes == 0) {
            return Finding.ok("sleep", "this Mac does not sleep when idle (pmset sleep 0)");
        }
        return Finding.warn("sleep", "this Mac sleeps after " + minutes + " min idle (pmset sleep " + minutes + "): a"
                + " sleeping peer leaves the view (its units move to others) and merges back about 30 s after waking",
                "on the power adapter: `sudo pmset -c sleep 0` (System Settings › Battery › Options › Prevent automatic"
                        + " sleeping on power adapter); or keep it awake while the peer runs: `caffeinate -i java -jar"
                        + " peer.jar start …`");
    }

    private static Finding notMeasurable(String check, RunningPeer peer) {
        return Finding.skip(check, "not measurable: no peer answers at " + peer.url() + " ("
                + peer.unreachable().orElse("no answer") + "); start one, or point --peer at its --http address");
    }

    private static String peerName(RunningPeer peer) {
        JsonNode self = peer.status().map(s -> s.path("self")).orElse(null);
        if (self == null) {
            return "the peer at " + peer.url();
        }
        String id = self.path("id").asText();
        return (self.path("name").isTextual() ? self.path("name").asText() : "peer") + " (" + shortId(id) + ")";
    }

    private static Map<String, String> names(RunningPeer peer) {
        Map<String, String> names = new HashMap<>();
        peer.peers().orElseThrow().path("peers").forEach(p -> names.put(p.path("id").asText(),
                p.path("name").asText() + " (" + shortId(p.path("id").asText()) + ")"));
        return names;
    }

    private static String shortId(String hex) {
        return hex.length() > 8 ? hex.substring(0, 8) : hex;
    }

    private static String seconds(long millis) {
        return millis < 1_000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static long mebibytes(long bytes) {
        return bytes >> 20;
    }
}
