package io.strategyminer.peer.service;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A command of the platform's service manager ({@code systemctl}, {@code launchctl}, {@code schtasks}).
 *
 * @param argv    the command and its arguments
 * @param mayFail true where failing is expected and harmless (unloading a job that was not loaded)
 */
public record SystemCommand(List<String> argv, boolean mayFail) {
    public SystemCommand {
        argv = List.copyOf(argv);
    }

    static SystemCommand of(String... argv) {
        return new SystemCommand(List.of(argv), false);
    }

    static SystemCommand tolerant(String... argv) {
        return new SystemCommand(List.of(argv), true);
    }

    /** As a person would type it (arguments with blanks quoted), for printing. */
    @Override
    public String toString() {
        return argv.stream().map(arg -> arg.isEmpty() || arg.matches(".*[\\s\"'].*") ? '"' + arg + '"' : arg)
                .collect(Collectors.joining(" "));
    }
}
