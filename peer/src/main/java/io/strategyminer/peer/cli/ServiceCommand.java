package io.strategyminer.peer.cli;

import io.strategyminer.data.store.OwnerOnly;
import io.strategyminer.peer.cluster.JoinToken;
import io.strategyminer.peer.runtime.SecretFile;
import io.strategyminer.peer.service.LauncherOptions;
import io.strategyminer.peer.service.PeerCommand;
import io.strategyminer.peer.service.ServiceEnvironment;
import io.strategyminer.peer.service.ServiceFile;
import io.strategyminer.peer.service.ServiceManager;
import io.strategyminer.peer.service.ServicePlatform;
import io.strategyminer.peer.service.SystemCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code peer service install|uninstall}: start this machine's peer at login with the options given, through the
 * platform's own service manager (a systemd user unit, a launchd agent, a Windows logon task), and take it away again.
 * The service runs {@code java} with the launchers' JVM options on this jar, so it behaves as {@code peer start} from
 * the launcher does; its logs go to the data dir's {@code logs/peer.log}.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Start the peer at login: a systemd user unit (Linux), a launchd agent (macOS) or a scheduled task"
                + " at logon (Windows).", "Logs go to <data dir>/logs/peer.log."},
        subcommands = {ServiceCommand.Install.class, ServiceCommand.Uninstall.class})
final class ServiceCommand implements Runnable {
    private final ServiceEnvironment environment;

    @Spec
    CommandSpec spec;

    ServiceCommand() {
        this(ServiceEnvironment.current());
    }

    ServiceCommand(ServiceEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options both subcommands take. */
    static final class Target {
        @Option(names = "--os", paramLabel = "OS", description = "Write for this platform's service manager: linux,"
                + " macos or windows (default: this machine's). Paths stay this machine's.")
        String os;

        @Option(names = "--dry-run", description = "Print what would be written and run; change nothing.")
        boolean dryRun;

        ServicePlatform platform(ServiceEnvironment environment) {
            if (os == null) {
                return ServicePlatform.of(environment.osName());
            }
            try {
                return ServicePlatform.valueOf(os.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--os " + os + ": expected linux, macos or windows", e);
            }
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write the service that runs `peer start` with the options given at login, register it and"
                    + " start it now. Installing again replaces it.",
                    "Every option of `peer start` is taken (see peer start --help), e.g.:",
                    "  peer service install --name gaming-pc --threads 6 --seeds 100.64.0.1:7800 --bind 100.64.0.3",
                    "--join TOKEN stores the token's cluster secret in the data dir now: the service file does not"
                            + " carry the secret."})
    static final class Install implements Runnable {
        @ParentCommand
        ServiceCommand service;

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--java-options", paramLabel = "OPTS", description = "JVM options added after the launcher's"
                + " (a repeated one wins), as PEER_JAVA_OPTS does for the launcher, e.g. \"-Xmx512m\".")
        String javaOptions = "";

        @Unmatched
        List<String> startOptions = new ArrayList<>();

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            ServiceEnvironment environment = service.environment;
            ServicePlatform platform = target.platform(environment);
            StartOptions start = StartOptions.parse(startOptions);
            String jar = environment.jar().orElseThrow(() -> new CommandException("`peer service install` installs the"
                    + " jar it runs from: run it as `peer service install …` with the launcher next to peer.jar, or"
                    + " `java -jar peer.jar service install …`", 2, null));
            PeerCommand command = new PeerCommand(platform.java(environment.javaHome()),
                    LauncherOptions.load().plus(LauncherOptions.split(javaOptions)), jar, start.arguments(),
                    start.dataDir().toString());
            ServiceManager manager = platform.manager(environment.home(), environment.user());
            ServiceFile file = manager.file(command);
            if (target.dryRun) {
                out.println("Would write " + file.path() + ":");
                out.println(file.content().replace("\uFEFF", ""));
                manager.activate().forEach(c -> out.println("Would run: " + c));
                start.join().ifPresent(token -> out.println("Would store the cluster secret of the join token in "
                        + SecretFile.in(start.dataDir()) + "."));
                out.flush();
                return;
            }
            start.join().ifPresent(token -> storeSecret(out, start.dataDir(), token));
            write(file, start.dataDir());
            out.println("Wrote " + file.path() + ": it runs");
            out.println("  " + String.join(" ", command.argv()));
            runAll(out, environment, manager.activate(), "the service file is written; run the rest by hand");
            out.println("The peer now starts when you log in. Logs: " + start.dataDir().resolve("logs").resolve("peer.log")
                    + ". " + manager.howToWatch(command));
            out.println("`peer service uninstall` stops it and removes the service.");
            out.flush();
        }

        private static void storeSecret(PrintWriter out, Path dataDir, JoinToken token) {
            try {
                SecretFile.store(dataDir, token.secret());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store the cluster secret in " + dataDir + ": " + e.getMessage(), e);
            }
            out.println("Stored the cluster secret of the join token in " + SecretFile.in(dataDir) + ".");
        }

        private static void write(ServiceFile file, Path dataDir) {
            try {
                // the data dir's logs folder too: launchd opens its output file there before the peer starts
                OwnerOnly.createDirectories(dataDir.resolve("logs"));
                Files.createDirectories(file.path().getParent());
                Files.writeString(file.path(), file.content(), file.charset());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file.path() + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Stop the peer started at login and remove its service. The data dir is kept.")
    static final class Uninstall implements Runnable {
        @ParentCommand
        ServiceCommand service;

        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            ServiceEnvironment environment = service.environment;
            ServiceManager manager = target.platform(environment).manager(environment.home(), environment.user());
            Path path = manager.path();
            if (!Files.exists(path)) {
                out.println("Nothing to uninstall: " + path + " does not exist.");
                out.flush();
                return;
            }
            if (target.dryRun) {
                manager.deactivate().forEach(c -> out.println("Would run: " + c));
                out.println("Would delete " + path + ".");
                manager.afterRemoval().forEach(c -> out.println("Would run: " + c));
                out.flush();
                return;
            }
            runAll(out, environment, manager.deactivate(), path + " is kept");
            try {
                Files.delete(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
            }
            out.println("Deleted " + path + ".");
            runAll(out, environment, manager.afterRemoval(), path + " is deleted");
            out.println("The peer no longer starts at login; its data dir is kept.");
            out.flush();
        }
    }

    /** Runs the service manager's commands in order; the first unexpected failure ends the command (exit code 1). */
    private static void runAll(PrintWriter out, ServiceEnvironment environment, List<SystemCommand> commands, String state) {
        for (SystemCommand command : commands) {
            out.println("Running: " + command);
            out.flush();
            int exit;
            try {
                exit = environment.runner().run(command);
            } catch (IOException e) {
                throw new CommandException("cannot run `" + command + "`: " + e.getMessage() + "; " + state, 1, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandException("interrupted while running `" + command + "`; " + state, 1, e);
            }
            if (exit != 0 && !command.mayFail()) {
                throw new CommandException("`" + command + "` failed (exit code " + exit + "); " + state, 1, null);
            }
        }
    }

    /**
     * The {@code peer start} options given to {@code service install}, checked by {@code peer start}'s own parser and
     * turned into the service's command line: the data dir made absolute (a service does not start where you are),
     * the join token left out (it holds the cluster secret; it is stored in the data dir instead).
     */
    record StartOptions(Path dataDir, Optional<JoinToken> join, List<String> arguments) {
        static StartOptions parse(List<String> given) {
            CommandLine.ParseResult parsed;
            try {
                parsed = new CommandLine(new StartCommand()).parseArgs(given.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new CommandException(e.getMessage() + " (the options of `peer start` are taken: peer start"
                        + " --help)", 2, e);
            }
            Path dataDir = DataDirOption.expandHome(parsed.matchedOptionValue("--data-dir", DataDirOption.DEFAULT))
                    .toAbsolutePath().normalize();
            Optional<JoinToken> join = Optional.ofNullable(parsed.<String>matchedOptionValue("--join",
                    null)).map(JoinToken::decode);
            List<String> arguments = new ArrayList<>(List.of("start", "--data-dir", dataDir.toString()));
            for (OptionSpec option : parsed.matchedOptions()) {
                switch (option.longestName()) {
                    case "--data-dir", "--join" -> { }
                    case "--rebuild-from-peers" -> throw new CommandException("--rebuild-from-peers is a one-off"
                            + " recovery: run `peer start --rebuild-from-peers` by hand until it has rebuilt, then"
                            + " install the service without it", 2, null);
                    default -> {
                        if (option.arity().max() == 0) {
                            arguments.add(option.longestName());
                        } else {
                            option.originalStringValues().forEach(value -> {
                                arguments.add(option.longestName());
                                arguments.add(value);
                            });
                        }
                    }
                }
            }
            return new StartOptions(dataDir, join, arguments);
        }
    }
}
