package io.strategyminer.web.api;

import java.util.List;

/** {@code GET /api/searches}: every search, newest submission first. */
public record SearchesJson(List<SearchJson> searches) {
}
