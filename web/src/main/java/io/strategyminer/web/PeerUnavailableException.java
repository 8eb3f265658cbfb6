package io.strategyminer.web;

/**
 * A change refused because the peer cannot do it now, for a reason of its own (it is unhealthy: its disk is
 * full): the API answers 503 with the message, which says what is wrong and what to do.
 */
public final class PeerUnavailableException extends RuntimeException {
    public PeerUnavailableException(String message) {
        super(message, null, false, false);
    }
}
