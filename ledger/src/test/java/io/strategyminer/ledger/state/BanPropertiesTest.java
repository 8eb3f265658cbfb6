package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.announce;
import static io.strategyminer.ledger.Fixtures.checkpoint;
import static io.strategyminer.ledger.Fixtures.lease;
import static io.strategyminer.ledger.Fixtures.report;
import static io.strategyminer.ledger.Fixtures.search;
import static io.strategyminer.ledger.Fixtures.sha;
import static io.strategyminer.ledger.Fixtures.verification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.Scenario;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A banned peer's events count nowhere, whenever they and the proof arrive: the scenario plus an offender that
 * announced itself, submitted a search, was leased a unit, checkpointed, reported and verified, and then
 * equivocated, folds in any order (with duplicates) to the state of the same events without the offender's.
 */
class BanPropertiesTest {
    private static final History HISTORY = new History();

    @Property(tries = 200)
    void theStateIsTheFoldWithoutTheOffenderWhateverTheOrder(@ForAll("deliveries") List<Integer> delivery) {
        List<Event> events = new ArrayList<>();
        delivery.forEach(i -> events.add(HISTORY.all.get(i)));
        assertEquals(HISTORY.withoutOffender, fold(events));
    }

    @Property(tries = 1)
    void withoutTheProofTheOffendersEventsCount() {
        List<Event> noProof = new ArrayList<>(HISTORY.all);
        noProof.removeAll(HISTORY.proof);
        assertNotEquals(HISTORY.withoutOffender, fold(noProof));
    }

    @Provide
    Arbitrary<List<Integer>> deliveries() {
        return Scenario.deliveries(HISTORY.all.size());
    }

    private static StateSnapshot fold(List<Event> events) {
        LedgerState state = new LedgerState();
        events.forEach(state::apply);
        return state.snapshot();
    }

    private static final class History {
        final List<Event> all = new ArrayList<>();
        final List<Event> proof = new ArrayList<>();
        final StateSnapshot withoutOffender;

        History() {
            Scenario scenario = Scenario.get();
            Fixtures.Chain offender = new Fixtures.Chain(PeerIdentity.generate());
            Fixtures.Chain coordinator = new Fixtures.Chain(PeerIdentity.generate());
            Fixtures.Chain witness = new Fixtures.Chain(PeerIdentity.generate());
            List<Event> offenders = new ArrayList<>();
            offenders.add(offender.next(100, announce(offender.identity(), Scenario.M3, 4)));
            offenders.add(offender.next(101, search("by-offender", 2, 1, false)));
            offenders.add(offender.next(103, checkpoint(Scenario.SEARCH, 2, 40, sha("offender-cp"))));
            offenders.add(offender.next(104, report(Scenario.SEARCH, 2, sha("offender-trades"))));
            offenders.add(offender.next(105, verification(scenario.carolReport, sha("digest-Z"))));
            Event last = offenders.get(offenders.size() - 1);
            Event twin = Event.sign(offender.id(), last.sequence(), last.previous(), last.lamport(),
                    verification(scenario.bobReport, sha("other")), offender.identity());
            Equivocation equivocation = Equivocation.between(last, twin, offender.identity().publicKey()).orElseThrow();

            all.addAll(scenario.events);
            all.add(coordinator.next(1, announce(coordinator.identity(), Scenario.M1, 1)));
            Event lease = coordinator.next(102, lease(Scenario.SEARCH, 2, offender.id(), 5));
            all.add(lease);
            all.addAll(offenders);
            all.add(witness.next(1, announce(witness.identity(), Scenario.M2, 1)));
            equivocation.proof().forEach(part -> proof.add(witness.next(200 + proof.size(), part)));
            all.addAll(proof);
            List<Event> honest = new ArrayList<>(all);
            honest.removeAll(offenders);
            honest.remove(lease); // a lease held by the offender counts nowhere either
            withoutOffender = fold(honest);
            assertEquals(List.of(new BanView(offender.id(), last.sequence())), withoutOffender.bans().stream()
                    .filter(ban -> ban.offender().equals(offender.id())).toList());
        }
    }
}
