package io.strategyminer.web.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/datasets}'s answer (201): the stored dataset, with what cleaning changed and its market calendar
 * (the shapes of {@code peer data list --json}, data/README.md).
 */
public record DatasetCreatedJson(String id, String name, String symbol, long timeframeSeconds, int candles,
                                 long firstTime, long lastTime, JsonNode cleaning, JsonNode calendar) {
}
