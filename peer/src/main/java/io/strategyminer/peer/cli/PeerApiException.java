package io.strategyminer.peer.cli;

/**
 * A call to a peer's HTTP API that did not succeed, with the one line the user should read and the exit code
 * the command ends with: 2 when the peer is unreachable or refused the request (4xx: the fix is on the user's
 * side), 1 when the peer failed (5xx) or answered something that is not the API.
 */
final class PeerApiException extends CommandException {
    private final boolean unreachable;

    PeerApiException(String message, int exitCode, Throwable cause) {
        this(message, exitCode, false, cause);
    }

    private PeerApiException(String message, int exitCode, boolean unreachable, Throwable cause) {
        super(message, exitCode, cause);
        this.unreachable = unreachable;
    }

    /** The peer could not be reached at all (nothing listening, no route): worth retrying while following. */
    static PeerApiException unreachable(String message, Throwable cause) {
        return new PeerApiException(message, 2, true, cause);
    }

    boolean unreachable() {
        return unreachable;
    }
}
