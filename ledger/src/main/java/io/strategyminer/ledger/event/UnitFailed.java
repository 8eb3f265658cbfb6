package io.strategyminer.ledger.event;

/**
 * A peer ran a work unit and it failed for a reason that running it again would repeat (the miner refused the
 * unit, no genome could qualify, the engine threw): recorded once, so the cluster stops re-leasing it instead of
 * retrying in a loop. The unit counts as failed once as many independent peers as the search's quorum have
 * reported it failed (one modified member cannot kill a unit on its own); its search then ends with the reason.
 *
 * @param searchId the search
 * @param unit     the unit index
 * @param reason   what failed, for the user: 1–{@value #MAX_REASON} characters without control characters
 */
public record UnitFailed(String searchId, int unit, String reason) implements Payload {
    public static final int MAX_REASON = 500;

    public UnitFailed {
        Checks.matches("search id", searchId, Checks.ID);
        Checks.range("unit", unit, 0, SearchSubmitted.MAX_WORK_UNITS - 1);
        Checks.text("failure reason", reason, MAX_REASON);
    }

    /** A reason shortened to fit, with control characters replaced, for messages the peer did not write itself. */
    public static String reasonOf(String message) {
        String clean = message == null || message.isBlank() ? "no message" : message.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_REASON ? clean : clean.substring(0, MAX_REASON - 1) + "…";
    }

    @Override
    public EventType type() {
        return EventType.UNIT_FAILED;
    }
}
