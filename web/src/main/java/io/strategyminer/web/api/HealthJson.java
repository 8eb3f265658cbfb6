package io.strategyminer.web.api;

/**
 * A peer's own judgement of its health ({@code PeerHealth}).
 *
 * @param problem what stops the peer, in words; null when healthy
 * @param since   when the state began, unix milliseconds
 */
public record HealthJson(boolean ok, String problem, long since) {
}
