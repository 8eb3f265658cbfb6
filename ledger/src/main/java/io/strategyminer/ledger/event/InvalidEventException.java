package io.strategyminer.ledger.event;

/** An event that must not be applied, with the reason it is counted under. */
public final class InvalidEventException extends Exception {
    private final RejectReason reason;

    public InvalidEventException(RejectReason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public InvalidEventException(RejectReason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
