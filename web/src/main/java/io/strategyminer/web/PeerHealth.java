package io.strategyminer.web;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a peer can do its work now, as it judges itself: {@code ok}, or the problem that stops it (its data
 * dir's disk is nearly full, writing to its ledger failed) in words for the user, and since when it is in that
 * state (unix ms, the peer's wall clock).
 */
public record PeerHealth(boolean ok, Optional<String> problem, long sinceMillis) {
    public PeerHealth {
        Objects.requireNonNull(problem, "problem");
        if (ok == problem.isPresent()) {
            throw new IllegalArgumentException("a healthy peer has no problem and an unhealthy one has one");
        }
    }

    public static PeerHealth healthy(long sinceMillis) {
        return new PeerHealth(true, Optional.empty(), sinceMillis);
    }

    public static PeerHealth unhealthy(String problem, long sinceMillis) {
        return new PeerHealth(false, Optional.of(problem), sinceMillis);
    }
}
