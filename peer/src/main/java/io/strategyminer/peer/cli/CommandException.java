package io.strategyminer.peer.cli;

/**
 * A command that cannot go on, with the one line the user should read and the exit code it ends with (2: the fix
 * is on the user's side, such as a busy port or a wrong URL; 1: anything else). {@link PeerCli} prints the line,
 * never a stack trace.
 */
class CommandException extends RuntimeException {
    private final int exitCode;

    CommandException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
