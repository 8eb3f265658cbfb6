package io.strategyminer.peer.sync;

/** The other peer broke the sync protocol (malformed message, message out of turn); the session ends. */
final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
        super(message);
    }

    ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
