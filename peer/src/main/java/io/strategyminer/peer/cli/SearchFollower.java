package io.strategyminer.peer.cli;

import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.HttpEndpoint.ProgressReport;
import io.strategyminer.peer.runtime.HttpEndpoint.UnitReport;
import io.strategyminer.web.api.SearchJson;
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
    private PeerNames names = PeerNames.of(List.of());
    /** The running units of the followed search, as the last {@code unit_progress} event listed them. */
    private final Map<Integer, UnitReport> running = new TreeMap<>();
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
    SearchJson.Detail follow(String searchId) throws InterruptedException {
        String path = "/api/searches/" + PeerApi.encode(searchId);
        try (EventFeed feed = EventFeed.open(api)) {
            reloadNames();
            SearchJson.Detail search = read(path).orElse(null);
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
                        showRunning(searchId, api.decode("the " + HttpEndpoint.PROGRESS_EVENT + " event",
                                event.get().data(), ProgressReport.class));
                    } else {
                        stale |= event.get().id().isPresent(); // a ledger event: the search may have moved
                    }
                }
                long sinceRead = System.nanoTime() - lastRead;
                if ((stale && sinceRead >= MIN_POLL_GAP.toNanos()) || sinceRead >= POLL_PERIOD.toNanos()) {
                    Optional<SearchJson.Detail> next = read(path);
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
    private Optional<SearchJson.Detail> read(String path) {
        try {
            SearchJson.Detail search = api.get(path, SearchJson.Detail.class);
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

    static boolean done(SearchJson.Detail search) {
        return "DONE".equals(search.status());
    }

    private void showRunning(String searchId, ProgressReport report) {
        running.clear();
        for (UnitReport unit : report.units()) {
            if (unit.searchId().equals(searchId)) {
                running.put(unit.unit(), unit);
                knowPeer(unit.peer());
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
    private void noteChanges(SearchJson.Detail before, SearchJson.Detail after) {
        List<String> lines = new ArrayList<>();
        for (SearchJson.Unit unit : after.units()) {
            SearchJson.Unit previous = before == null ? null : unit(before, unit.unit());
            lines.addAll(unitChanges(unit.unit(), previous, unit, after));
        }
        String status = after.status();
        int unitsDone = after.unitsDone();
        // the first state is what the caller just printed; after that, every change of status or of units done
        if (before != null && (!status.equals(before.status()) || unitsDone != before.unitsDone())) {
            lines.add(String.format(Locale.ROOT, "search %s: %s, %d/%d units done", after.id(), status,
                    unitsDone, after.workUnits()));
        }
        lines.forEach(this::note);
    }

    private void note(String line) {
        progress.above(() -> {
            notes.println(line);
            notes.flush();
        });
    }

    private static SearchJson.Unit unit(SearchJson.Detail search, int index) {
        for (SearchJson.Unit unit : search.units()) {
            if (unit.unit() == index) {
                return unit;
            }
        }
        return null;
    }

    private List<String> unitChanges(int index, SearchJson.Unit before, SearchJson.Unit after,
                                     SearchJson.Detail search) {
        List<String> lines = new ArrayList<>();
        SearchJson.Lease lease = after.lease();
        if (lease != null && (before == null || !sameLease(before.lease(), lease))) {
            String holder = lease.holder();
            knowPeer(holder);
            String kind = lease.kind();
            lines.add(String.format(Locale.ROOT, "unit %d: %s to %s", index,
                    kind.equals("VERIFY") ? "verification leased" : kind.equals("SPECULATIVE")
                            ? "speculative copy leased" : "leased", names.name(holder)));
        }
        Set<String> known = new HashSet<>();
        if (before != null) {
            before.reports().forEach(r -> known.add(r.strategy()));
        }
        for (SearchJson.Report report : after.reports()) {
            String strategy = report.strategy();
            if (!known.contains(strategy)) {
                String reporter = strategy.contains("-") ? strategy.substring(0, strategy.indexOf('-')) : strategy;
                knowPeer(reporter);
                lines.add(String.format(Locale.ROOT, "unit %d: %s reported strategy %s", index, names.name(reporter),
                        strategy));
            }
        }
        String canonical = after.canonical();
        if (canonical != null && (before == null || !canonical.equals(before.canonical()))) {
            lines.add(String.format(Locale.ROOT, "unit %d: strategy %s is canonical (a quorum of %d peers reproduced its digest)", index,
                    canonical, search.parameters().quorum()));
        }
        return lines;
    }

    private static boolean sameLease(SearchJson.Lease a, SearchJson.Lease b) {
        return a != null && a.holder().equals(b.holder()) && a.kind().equals(b.kind()) && a.epoch() == b.epoch();
    }

    /**
     * The bar counts generations: a reported or finished unit counts all of them, a running one its live
     * generation (or its last checkpoint's, between progress reports), an open one none.
     */
    private void render(SearchJson.Detail search) {
        int generations = search.parameters().generations();
        long done = 0;
        for (SearchJson.Unit unit : search.units()) {
            String status = unit.status();
            UnitReport live = running.get(unit.unit());
            if (status.equals("DONE") || status.equals("VERIFYING") || !unit.reports().isEmpty()) {
                done += generations;
            } else if (live != null) {
                done += live.generation();
            } else if (unit.generation() != null) {
                done += unit.generation();
            }
        }
        long total = (long) generations * Math.max(1, search.workUnits());
        // the bar shows 100 % only once the search is DONE: reported units may still await their verifications
        progress.update(Math.min(done, done(search) ? total : total - 1), total, detail(search));
    }

    private String detail(SearchJson.Detail search) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d/%d units done",
                search.unitsDone(), search.workUnits()));
        int shown = 0;
        for (UnitReport unit : running.values()) {
            if (shown++ == UNITS_SHOWN) {
                text.append(String.format(Locale.ROOT, "  +%d running", running.size() - UNITS_SHOWN));
                break;
            }
            Double best = unit.bestFitness();
            text.append(String.format(Locale.ROOT, "  u%d %d/%d best %s on %s", unit.unit(), unit.generation(),
                    unit.generations(), best != null ? String.format(Locale.ROOT, "%.3f", best) : "none",
                    names.name(unit.peer())));
        }
        return text.toString();
    }
}
