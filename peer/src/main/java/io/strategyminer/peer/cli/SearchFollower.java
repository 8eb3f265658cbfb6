package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.peer.runtime.HttpEndpoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Follows one search on a peer until it is DONE ({@code submit --follow}, {@code demo}): milestones (a unit
 * leased, reported, verified, canonical) as lines on {@code notes}, live per-unit progress (generation of
 * generations, best fitness, holder) from the {@code unit_progress} events on a {@link ConsoleProgress} bar.
 *
 * <p>The search's state always comes from {@code GET /api/searches/{id}}, re-read when a ledger event arrives
 * and at least every {@link #POLL_PERIOD}: the event stream only says when to look, so a dropped stream (it
 * reconnects) or dropped events never stop the follower from seeing the end.
 */
final class SearchFollower {
    static final Duration POLL_PERIOD = Duration.ofSeconds(2);
    /** Bursts of ledger events (a lease, a checkpoint, a report at once) cost one re-read. */
    private static final Duration MIN_POLL_GAP = Duration.ofMillis(250);
    private static final Duration EVENT_WAIT = Duration.ofMillis(250);
    private static final int UNITS_SHOWN = 3;

    private final PeerApi api;
    private final PrintWriter notes;
    private final ConsoleProgress progress;
    private PeerNames names = PeerNames.of(CliJson.MAPPER.createArrayNode());
    /** The running units of the followed search, as the last {@code unit_progress} event listed them. */
    private final Map<Integer, JsonNode> running = new TreeMap<>();
    private final Set<String> lookedUp = new HashSet<>();
    private boolean lostContact;

    SearchFollower(PeerApi api, PrintWriter notes, ConsoleProgress progress) {
        this.api = api;
        this.notes = notes;
        this.progress = progress;
    }

    /**
     * Blocks until search {@code searchId} is DONE (or the thread is interrupted, e.g. Ctrl-C ends the JVM)
     * and returns its final {@code GET /api/searches/{id}} answer.
     *
     * @throws PeerApiException if the peer refuses to show the search (e.g. does not know it); while it cannot be
     *                           reached, following goes on
     */
    JsonNode follow(String searchId) throws InterruptedException {
        String path = "/api/searches/" + PeerApi.encode(searchId);
        try (EventFeed feed = EventFeed.open(api)) {
            reloadNames();
            JsonNode search = read(path).orElse(null);
            while (search == null) { // the peer went away right after the submission: wait for it like below
                Thread.sleep(POLL_PERIOD.toMillis());
                search = read(path).orElse(null);
            }
            noteChanges(null, search);
            long lastRead = System.nanoTime();
            boolean stale = false;
            while (!done(search)) {
                Optional<EventFeed.ServerEvent> event = feed.poll(EVENT_WAIT);
                if (event.isPresent()) {
                    if (event.get().type().equals(HttpEndpoint.PROGRESS_EVENT)) {
                        showRunning(searchId, event.get().data());
                    } else {
                        stale |= event.get().id().isPresent(); // a ledger event: the search may have moved
                    }
                }
                long sinceRead = System.nanoTime() - lastRead;
                if ((stale && sinceRead >= MIN_POLL_GAP.toNanos()) || sinceRead >= POLL_PERIOD.toNanos()) {
                    Optional<JsonNode> next = read(path);
                    if (next.isPresent()) {
                        noteChanges(search, next.get());
                        search = next.get();
                    }
                    lastRead = System.nanoTime();
                    stale = false;
                }
                if (!done(search)) {
                    render(search);
                }
            }
            running.clear();
            render(search);
            return search;
        }
    }

    /**
     * The search's state, or empty while the peer is unreachable (restarting, network blip): following goes on and
     * says so once; anything else (e.g. the search is unknown) ends it.
     */
    private Optional<JsonNode> read(String path) {
        try {
            JsonNode search = api.get(path);
            if (lostContact) {
                lostContact = false;
                note("in contact with " + api.url() + " again");
            }
            return Optional.of(search);
        } catch (PeerApiException e) {
            if (!e.unreachable()) {
                throw e;
            }
            if (!lostContact) {
                lostContact = true;
                note(e.getMessage() + " Still trying (Ctrl-C stops following; the search goes on).");
            }
            return Optional.empty();
        }
    }

    static boolean done(JsonNode search) {
        return "DONE".equals(search.path("status").asText());
    }

    private void showRunning(String searchId, JsonNode report) {
        running.clear();
        for (JsonNode unit : report.path("units")) {
            if (unit.path("searchId").asText().equals(searchId)) {
                running.put(unit.path("unit").asInt(), unit);
                knowPeer(unit.path("peer").asText());
            }
        }
    }

    /** Names of peers that announced themselves after the follower started are looked up, once per peer. */
    private void knowPeer(String id) {
        if (!id.isEmpty() && !names.knows(id) && lookedUp.add(id)) {
            reloadNames();
        }
    }

    /** Keeps the names known so far while the peer is unreachable. */
    private void reloadNames() {
        try {
            names = PeerNames.load(api);
        } catch (PeerApiException e) {
            if (!e.unreachable()) {
                throw e;
            }
        }
    }

    /** One line per change between two reads of the search: its status, and each unit's lease, reports, canonical. */
    private void noteChanges(JsonNode before, JsonNode after) {
        List<String> lines = new ArrayList<>();
        for (JsonNode unit : after.path("units")) {
            int index = unit.path("unit").asInt();
            JsonNode previous = before == null ? null : unit(before, index);
            lines.addAll(unitChanges(index, previous, unit, after));
        }
        String status = after.path("status").asText();
        int unitsDone = after.path("unitsDone").asInt();
        // the first state is what the caller just printed; after that, every change of status or of units done
        if (before != null && (!status.equals(before.path("status").asText())
                || unitsDone != before.path("unitsDone").asInt())) {
            lines.add(String.format(Locale.ROOT, "search %s: %s, %d/%d units done", after.path("id").asText(), status,
                    unitsDone, after.path("workUnits").asInt()));
        }
        lines.forEach(this::note);
    }

    private void note(String line) {
        progress.above(() -> {
            notes.println(line);
            notes.flush();
        });
    }

    private static JsonNode unit(JsonNode search, int index) {
        for (JsonNode unit : search.path("units")) {
            if (unit.path("unit").asInt() == index) {
                return unit;
            }
        }
        return null;
    }

    private List<String> unitChanges(int index, JsonNode before, JsonNode after, JsonNode search) {
        List<String> lines = new ArrayList<>();
        JsonNode lease = after.path("lease");
        if (lease.isObject() && (before == null || !sameLease(before.path("lease"), lease))) {
            String holder = lease.path("holder").asText();
            knowPeer(holder);
            String kind = lease.path("kind").asText();
            lines.add(String.format(Locale.ROOT, "unit %d: %s to %s", index,
                    kind.equals("VERIFY") ? "verification leased" : kind.equals("SPECULATIVE")
                            ? "speculative copy leased" : "leased", names.name(holder)));
        }
        Set<String> known = new HashSet<>();
        if (before != null) {
            before.path("reports").forEach(r -> known.add(r.path("strategy").asText()));
        }
        for (JsonNode report : after.path("reports")) {
            String strategy = report.path("strategy").asText();
            if (!known.contains(strategy)) {
                String reporter = strategy.contains("-") ? strategy.substring(0, strategy.indexOf('-')) : strategy;
                knowPeer(reporter);
                lines.add(String.format(Locale.ROOT, "unit %d: %s reported strategy %s", index, names.name(reporter),
                        strategy));
            }
        }
        String canonical = after.path("canonical").asText("");
        if (!canonical.isEmpty() && (before == null || !canonical.equals(before.path("canonical").asText("")))) {
            lines.add(String.format(Locale.ROOT, "unit %d: strategy %s is canonical (a quorum of %d peers reproduced its digest)", index,
                    canonical, search.path("parameters").path("quorum").asInt()));
        }
        return lines;
    }

    private static boolean sameLease(JsonNode a, JsonNode b) {
        return a.isObject() && a.path("holder").equals(b.path("holder")) && a.path("kind").equals(b.path("kind"))
                && a.path("epoch").equals(b.path("epoch"));
    }

    /**
     * The bar counts generations: a reported or finished unit counts all of them, a running one its live
     * generation (or its last checkpoint's, between progress reports), an open one none.
     */
    private void render(JsonNode search) {
        int generations = search.path("parameters").path("generations").asInt(1);
        long done = 0;
        for (JsonNode unit : search.path("units")) {
            String status = unit.path("status").asText();
            JsonNode live = running.get(unit.path("unit").asInt());
            if (status.equals("DONE") || status.equals("VERIFYING") || unit.path("reports").size() > 0) {
                done += generations;
            } else if (live != null) {
                done += live.path("generation").asInt();
            } else {
                done += unit.path("generation").asInt(0);
            }
        }
        long total = (long) generations * Math.max(1, search.path("workUnits").asInt());
        // the bar shows 100 % only once the search is DONE: reported units may still await their verifications
        progress.update(Math.min(done, done(search) ? total : total - 1), total, detail(search));
    }

    private String detail(JsonNode search) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d/%d units done",
                search.path("unitsDone").asInt(), search.path("workUnits").asInt()));
        int shown = 0;
        for (JsonNode unit : running.values()) {
            if (shown++ == UNITS_SHOWN) {
                text.append(String.format(Locale.ROOT, "  +%d running", running.size() - UNITS_SHOWN));
                break;
            }
            JsonNode best = unit.path("bestFitness");
            text.append(String.format(Locale.ROOT, "  u%d %d/%d best %s on %s", unit.path("unit").asInt(),
                    unit.path("generation").asInt(), unit.path("generations").asInt(),
                    best.isNumber() ? String.format(Locale.ROOT, "%.3f", best.asDouble()) : "none",
                    names.name(unit.path("peer").asText())));
        }
        return text.toString();
    }
}
