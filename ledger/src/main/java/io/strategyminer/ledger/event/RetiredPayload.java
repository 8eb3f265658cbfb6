package io.strategyminer.ledger.event;

/**
 * A stored event of an older ledger format whose payload this version no longer folds: a result of an older
 * backtest engine (not comparable with this engine's), or a search outside today's limits. The event keeps its
 * place in its origin's hash chain — its bytes and signature are untouched, so the chain still verifies and syncs —
 * but no read model shows it. Only events of an older format can be retired; one of the current format that does
 * not decode is refused as ever.
 *
 * @param original the payload type the event was written as
 * @param version  the ledger format it was written in
 * @param reason   why it is not folded, for logs and diagnostics
 */
public record RetiredPayload(EventType original, int version, String reason) implements Payload {

    public RetiredPayload {
        Checks.required("original type", original);
        Checks.text("reason", reason, 1_000);
    }

    @Override
    public EventType type() {
        return original;
    }
}
