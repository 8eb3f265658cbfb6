package io.strategyminer.web.api;

/** {@code POST /api/searches}'s answer (201): the new search's id. */
public record CreatedJson(String id) {
}
