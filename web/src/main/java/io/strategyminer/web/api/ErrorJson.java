package io.strategyminer.web.api;

/** Every refusal's body: {@code {"error": "<what and why>"}} with a 4xx (or 5xx) status. */
public record ErrorJson(String error) {
}
