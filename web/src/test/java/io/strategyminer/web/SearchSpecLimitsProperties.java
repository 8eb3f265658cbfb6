package io.strategyminer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.miner.InvalidSearchException;
import io.strategyminer.miner.SearchLimits;
import io.strategyminer.miner.SearchLimits.Limit;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.miner.WorkUnitSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one search spec, walked through the whole space of its limits: every numeric parameter absent, at, inside
 * and beyond each of its limits, in any combination, goes from a submission's JSON (what the API reads) through
 * the spec (what the peer checks) into a signed ledger event and back (what every peer stores) and into each work
 * unit (what the miner runs). A submission is refused exactly when a value breaks its limits, naming a field that
 * does; one that is accepted is stored unchanged and every unit of it runs: nothing accepted at one seam is refused
 * at the next (the failure this type exists to end: population 3 accepted by the API, refused by the miner).
 */
class SearchSpecLimitsProperties {
    private static final DatasetId DATASET = new DatasetId("ab".repeat(32));
    private static final PeerIdentity PEER = PeerIdentity.generate();

    @Property(tries = 3_000)
    void whatTheApiAcceptsIsStoredAndRunAndWhatItRefusesNamesTheField(@ForAll("submissions") Map<Limit, Number> given) {
        ObjectNode body = Json.object().put("dataset", "any").put("objective", "pnl").put("seed", 7);
        given.forEach((limit, value) -> {
            if (limit.whole()) {
                body.put(limit.field(), value.longValue());
            } else {
                body.put(limit.field(), value.doubleValue());
            }
        });
        SearchSpec.Builder parameters = SearchSpecJson.parse(body).parameters().dataset(DATASET);
        List<Limit> broken = given.entrySet().stream().filter(e -> !within(e.getKey(), e.getValue()))
                .map(Map.Entry::getKey).toList();
        long backtests = (long) value(given, SearchLimits.POPULATION) * value(given, SearchLimits.GENERATIONS);
        long windows = value(given, SearchLimits.WALK_FORWARD);
        // a walk-forward needs test segments and as many islands in every window
        // without work units, a walk-forward gets one per window
        long units = given.containsKey(SearchLimits.WORK_UNITS) || windows == 1 ? value(given, SearchLimits.WORK_UNITS)
                : windows;
        boolean windowsDoNotFit = windows > 1 && (value(given, SearchLimits.SPLIT_PERCENT) == 100
                || units % windows != 0);
        if (!broken.isEmpty() || backtests > SearchLimits.MAX_UNIT_BACKTESTS || windowsDoNotFit) {
            InvalidSearchException refused = assertThrows(InvalidSearchException.class, parameters::build);
            boolean tooManyBacktests = backtests > SearchLimits.MAX_UNIT_BACKTESTS
                    && refused.field().equals(SearchLimits.GENERATIONS.field());
            boolean windowField = windowsDoNotFit && (refused.field().equals(SearchLimits.SPLIT_PERCENT.field())
                    || refused.field().equals(SearchLimits.WORK_UNITS.field()));
            assertTrue(broken.stream().anyMatch(l -> l.field().equals(refused.field())) || tooManyBacktests
                    || windowField, refused.getMessage() + " names a field that broke its limits, of " + broken);
            return;
        }
        SearchSpec spec = parameters.build();
        Event stored = Event.sign(PEER.peerId(), 1, Sha256.ZERO, 1, new SearchSubmitted("s-walk", spec), PEER);
        SearchSpec read = ((SearchSubmitted) assertDoesNotFail(stored)).spec();
        assertEquals(spec, read, "the ledger stores the spec unchanged");
        for (int unit : new int[] {0, read.workUnits() - 1}) {
            WorkUnitSpec runs = read.workUnit(unit);
            assertEquals(List.of(read.population(), read.generations(), read.minTrades()),
                    List.of(runs.population(), runs.generations(), runs.minTrades()));
            assertEquals(read.costs(), runs.backtest());
            assertEquals(read.split(read.windowOf(unit)), runs.split());
            assertEquals(unit % read.walkForward(), runs.split().window(), "units take turns over the windows");
        }
    }

    private static Object assertDoesNotFail(Event event) {
        try {
            return Event.decode(event.encoded()).payload();
        } catch (Exception e) {
            throw new AssertionError("an accepted search did not survive the ledger: " + e.getMessage(), e);
        }
    }

    private static boolean within(Limit limit, Number value) {
        double v = value.doubleValue();
        return v >= limit.min() && v <= limit.max();
    }

    private static long value(Map<Limit, Number> given, Limit limit) {
        return given.containsKey(limit) ? given.get(limit).longValue() : limit.defaultInt();
    }

    /** Each limit absent, or at, inside or beyond one of its bounds. */
    @Provide
    Arbitrary<Map<Limit, Number>> submissions() {
        Arbitrary<Map<Limit, Number>> empty = Arbitraries.just(Map.of());
        Arbitrary<Map<Limit, Number>> all = empty;
        for (Limit limit : SearchLimits.ALL) {
            Arbitrary<Number> candidate = candidates(limit);
            all = all.flatMap(so -> Arbitraries.integers().between(0, 2).flatMap(absent -> absent == 0
                    ? Arbitraries.just(so)
                    : candidate.map(v -> {
                        Map<Limit, Number> next = new LinkedHashMap<>(so);
                        next.put(limit, v);
                        return next;
                    })));
        }
        return all;
    }

    private static Arbitrary<Number> candidates(Limit limit) {
        if (limit.whole()) {
            long min = (long) limit.min();
            long max = (long) limit.max();
            return Arbitraries.oneOf(Arbitraries.of(min - 1, min, min + 1, max - 1, max, max + 1),
                    Arbitraries.longs().between(min, max)).map(Long::valueOf);
        }
        return Arbitraries.oneOf(Arbitraries.of(limit.min() - 0.01, limit.min(), limit.max(), limit.max() + 0.01),
                Arbitraries.doubles().between(limit.min(), limit.max()).ofScale(3)).map(Double::valueOf);
    }
}
