package io.strategyminer.peer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One command line run in this JVM as {@code java -jar peer.jar} would run it, with stdout and stderr captured.
 * The writers can be read while the command runs (e.g. from another thread during {@code --follow}).
 */
final class CliRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code args} and returns the exit code. */
    int execute(String... args) {
        CommandLine cli = PeerCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
