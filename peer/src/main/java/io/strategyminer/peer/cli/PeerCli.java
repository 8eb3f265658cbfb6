package io.strategyminer.peer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar peer.jar <command>}: the one entry point of the product. */
@Command(name = "peer",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Strategy Miner: mine crypto trading strategies on the machines you own.",
        subcommands = {
                DataCommand.class,
                BacktestCommand.class,
                MineCommand.class,
                BenchCommand.class,
                StartCommand.class,
                SubmitCommand.class,
                StatusCommand.class,
                ResultsCommand.class,
                DemoCommand.class,
                TokenCommand.class,
                DoctorCommand.class,
                ServiceCommand.class,
                CommandLine.HelpCommand.class
        })
public final class PeerCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        return newCommandLine(CommandLine.defaultFactory());
    }

    /** As {@link #newCommandLine()}, with the commands made by {@code factory} (tests inject their environment). */
    static CommandLine newCommandLine(CommandLine.IFactory factory) {
        CommandLine cli = new CommandLine(new PeerCli(), factory);
        DataDirDefaults.install(cli);
        // Bad input is reported as one clear line, not a stack trace; exit code 2 like picocli's usage errors.
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CommandException failure) {
                commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + failure.getMessage()));
                return failure.exitCode();
            }
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + ex.getMessage()));
                return 2;
            }
            throw ex;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
