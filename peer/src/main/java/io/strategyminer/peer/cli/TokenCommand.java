package io.strategyminer.peer.cli;

import io.strategyminer.peer.cluster.LocalAddress;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.runtime.SecretFile;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code peer token}: the join token and the HTTP token of the cluster this data dir belongs to, read from the
 * stored cluster secret. Every member has the secret (the founder created it, the others stored it from their
 * {@code --join}), so any member prints them, running or not: the founder's laptop need not be around.
 */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the join token of this machine's cluster, the command that joins another machine, and the"
                + " HTTP token for changes from other machines (`peer submit --token`). Works on any member, running"
                + " or not: it reads the cluster secret in the data dir.",
                "Give the same --port, --bind and --seeds as `peer start` here, so the printed address and command"
                        + " match this peer."})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    NetworkOptions network;

    @Override
    public void run() {
        Path dir = dataDir.location();
        ClusterSecret secret = storedSecret(dir);
        String host = network.bind != null ? network.bind : LocalAddress.transportDefault().getHostAddress();
        JoinInstructions join = new JoinInstructions(secret, new SeedAddress(host, network.port), network.seedList());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Cluster secret in " + SecretFile.in(dir) + ".");
        join.print(out);
        out.println("HTTP token (changes through the HTTP API from other machines: `peer submit --token T`, or the"
                + " header 'Authorization: Bearer T'; it does not reveal the secret):");
        out.println("  " + join.httpToken());
        out.flush();
    }

    private static ClusterSecret storedSecret(Path dir) {
        Optional<ClusterSecret> stored;
        try {
            stored = SecretFile.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SecretFile.in(dir) + ": " + e.getMessage() + "; check that"
                    + " this user owns it (it is readable by its owner only)", e);
        }
        return stored.orElseThrow(() -> new IllegalArgumentException("no cluster secret in " + dir + " (no file "
                + SecretFile.FILE_NAME + "): no peer has run with this data dir. Give the --data-dir of the peer that"
                + " runs here, or start one first: `peer start` founds a cluster, `peer start --join TOKEN` joins one"));
    }
}
