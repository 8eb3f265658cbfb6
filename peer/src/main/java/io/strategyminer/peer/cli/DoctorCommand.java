package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.doctor.Doctor;
import io.strategyminer.peer.doctor.Finding;
import io.strategyminer.peer.doctor.Probes.RunningPeer;
import io.strategyminer.peer.doctor.Status;
import io.strategyminer.peer.doctor.SystemProbes;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer doctor}: checks what breaks clusters in the field on this machine, and with the peer running here, and
 * says what to do about each problem. Exit code 0 when no check fails (warnings allowed), 1 when one does.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check what breaks clusters in the field and say what to do: the Java version; the ports (--port,"
                + " +1, +2 and the HTTP port) free or held by the peer running here; the data dir writable with free"
                + " space; LAN multicast (a datagram round trip on the discovery group) or, with --seeds, that every seed"
                + " answers; and, asking the running peer (--peer): peers of the view that announce one machine id"
                + " (cloned VMs), clock skew against the other peers; on macOS, sleep settings.",
                "Give it the options `peer start` gets here (--data-dir, --port, --seeds, --bind).",
                "Exit code: 0 when no check fails (warnings allowed), 1 when one fails, 2 for bad options.",
                "--json prints {\"ok\": no check failed, \"checks\": [{\"check\", \"status\": ok|warn|fail|skip,"
                        + " \"finding\", \"fix\": text | null}]}."})
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    NetworkOptions network;

    @Mixin
    PeerOption peer;

    @Option(names = "--json", description = "Machine-readable output (stable, see above).")
    boolean json;

    @Override
    public Integer call() {
        PeerApi api = peer.api(Optional.empty());
        URI url = URI.create(api.url());
        int httpPort = url.getPort() != -1 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
        Doctor.Options options = new Doctor.Options(dataDir.location(), network.port, network.seedList(),
                network.bindAddress(),
                Optional.of(address("--peer", url.getHost())), httpPort, ClusterConfig.Multicast.DEFAULT);
        List<Finding> findings = new Doctor(new SystemProbes(() -> running(api)), options).examine();

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = CliJson.object().put("ok", !Doctor.failed(findings));
            ArrayNode checks = root.putArray("checks");
            for (Finding f : findings) {
                ObjectNode check = checks.addObject().put("check", f.check()).put("status", f.status().label())
                        .put("finding", f.finding());
                f.fix().ifPresentOrElse(fix -> check.put("fix", fix), () -> check.putNull("fix"));
            }
            out.println(CliJson.pretty(root));
        } else {
            print(out, findings);
        }
        out.flush();
        return Doctor.failed(findings) ? 1 : 0;
    }

    private static void print(PrintWriter out, List<Finding> findings) {
        for (Finding f : findings) {
            String status = f.status() == Status.FAIL || f.status() == Status.WARN
                    ? f.status().name() : f.status().label();
            out.printf(Locale.ROOT, "%-4s  %-11s  %s%n", status, f.check(), f.finding());
            f.fix().ifPresent(fix -> out.printf(Locale.ROOT, "%-4s  %-11s  fix: %s%n", "", "", fix));
        }
        List<String> failed = findings.stream().filter(f -> f.status() == Status.FAIL).map(Finding::check).toList();
        long warned = findings.stream().filter(f -> f.status() == Status.WARN).count();
        out.println();
        out.println(failed.isEmpty() ? "No check failed" + (warned == 0 ? "." : " (" + warned + " warning(s)).")
                : failed.size() + " check(s) failed: " + String.join(", ", failed) + ".");
    }

    /** The peer at --peer as the doctor sees it: its status and peers, or why it did not answer. */
    private static RunningPeer running(PeerApi api) {
        try {
            return RunningPeer.answered(api.url(), api.tree("/api/status"), api.tree("/api/peers"));
        } catch (PeerApiException e) {
            return RunningPeer.none(api.url(), e.unreachable() ? "nothing answers there" : e.getMessage());
        }
    }

    private static InetAddress address(String option, String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + " " + host + ": unknown host; give an IP address or a name"
                    + " this machine resolves", e);
        }
    }
}
