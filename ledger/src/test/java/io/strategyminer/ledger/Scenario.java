package io.strategyminer.ledger;

import static io.strategyminer.ledger.Fixtures.announce;
import static io.strategyminer.ledger.Fixtures.checkpoint;
import static io.strategyminer.ledger.Fixtures.dataset;
import static io.strategyminer.ledger.Fixtures.lease;
import static io.strategyminer.ledger.Fixtures.machine;
import static io.strategyminer.ledger.Fixtures.report;
import static io.strategyminer.ledger.Fixtures.search;
import static io.strategyminer.ledger.Fixtures.sha;
import static io.strategyminer.ledger.Fixtures.verification;
import static io.strategyminer.ledger.Fixtures.verifyLease;

import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * A small cluster history touching every event type and every read-model rule: four peers (alice
 * and bob share a machine), a search of 3 units with quorum 2, leases, checkpoints, a report that
 * becomes canonical, one that is outvoted (invalid) and re-leased, re-announcements, a duplicate
 * search id, reports that do not fit, a verification with another engine version, and a proof that a fifth
 * peer (eve) equivocated.
 * Events are created once per JVM (signing is slow) and shared read-only.
 */
public final class Scenario {
    public static final String SEARCH = "s1";
    public static final MachineId M1 = machine("machine-1");
    public static final MachineId M2 = machine("machine-2");
    public static final MachineId M3 = machine("machine-3");

    private static Scenario instance;

    public final Fixtures.Chain alice = new Fixtures.Chain(PeerIdentity.generate());
    public final Fixtures.Chain bob = new Fixtures.Chain(PeerIdentity.generate());
    public final Fixtures.Chain carol = new Fixtures.Chain(PeerIdentity.generate());
    public final Fixtures.Chain dave = new Fixtures.Chain(PeerIdentity.generate());
    /** A peer that equivocated outside this history; only carol's proof of it is in the events. */
    public final Fixtures.Chain eve = new Fixtures.Chain(PeerIdentity.generate());
    /** Every event, in a causal order (Lamport times increase down the list). */
    public final List<Event> events = new ArrayList<>();
    public final StrategyId bobReport;
    public final StrategyId carolReport;
    private long lamport;

    private Scenario() {
        add(alice, announce(alice.identity(), M1, 4));
        add(bob, announce(bob.identity(), M1, 2));
        add(carol, announce(carol.identity(), M2, 8));
        add(dave, announce(dave.identity(), M3, 2));
        add(alice, dataset());
        add(alice, search(SEARCH, 3, 2, false));
        add(alice, lease(SEARCH, 0, bob.id(), 1));
        add(alice, lease(SEARCH, 1, carol.id(), 1));
        add(alice, lease(SEARCH, 2, dave.id(), 1));
        add(bob, checkpoint(SEARCH, 0, 5, sha("bob-cp-5")));
        add(bob, checkpoint(SEARCH, 0, 10, sha("bob-cp-10")));
        bobReport = bob.nextStrategyId();
        add(bob, report(SEARCH, 0, sha("digest-X")));
        carolReport = carol.nextStrategyId();
        add(carol, report(SEARCH, 1, sha("digest-Y")));
        add(alice, verifyLease(SEARCH, 0, carol.id(), 1, bobReport));
        add(carol, verification(bobReport, Fixtures.digest(sha("digest-X"))));
        add(alice, verification(bobReport, Fixtures.digest(sha("digest-X"))));
        add(dave, verification(carolReport, sha("digest-Z")));
        add(bob, verification(carolReport, sha("digest-Z")));
        add(alice, lease(SEARCH, 1, dave.id(), 2));
        add(dave, checkpoint(SEARCH, 2, 3, sha("dave-cp-3")));
        add(dave, new UnitFailed(SEARCH, 2, "the miner failed on this unit: java.lang.ArithmeticException"));
        add(dave, announce(dave.identity(), M3, 8));
        add(carol, search(SEARCH, 5, 1, true));
        add(dave, report(SEARCH, 7, sha("out-of-range")));
        add(carol, report("s2", 0, sha("orphan")));
        add(alice, new VerificationReported(carolReport, Fixtures.digest(sha("digest-Y")), "sm-engine-0"));
        equivocation(eve).proof().forEach(part -> add(carol, part));
    }

    /** Two searches {@code offender} signed under one sequence: carol proves it, and eve's events count nowhere. */
    private static Equivocation equivocation(Fixtures.Chain offender) {
        Event announced = offender.next(1, announce(offender.identity(), M3, 1));
        Event one = Event.sign(offender.id(), 2, announced.hash(), 2, search("eve-1", 1, 1, false), offender.identity());
        Event two = Event.sign(offender.id(), 2, announced.hash(), 2, search("eve-2", 1, 1, false), offender.identity());
        return Equivocation.between(one, two, offender.identity().publicKey()).orElseThrow();
    }

    /** The shared scenario (built on first use). */
    public static synchronized Scenario get() {
        if (instance == null) {
            instance = new Scenario();
        }
        return instance;
    }

    private void add(Fixtures.Chain chain, Payload payload) {
        events.add(chain.next(++lamport, payload));
    }

    /**
     * Delivery orders of this scenario's events: every event at least once, some again (duplicates), all
     * shuffled; as indices into {@link #events}.
     */
    public static Arbitrary<List<Integer>> deliveries() {
        return deliveries(get().events.size());
    }

    /** Delivery orders of {@code n} events: every index at least once, some again, all shuffled. */
    public static Arbitrary<List<Integer>> deliveries(int n) {
        return Arbitraries.integers().between(0, n - 1).list().ofMaxSize(n).flatMap(extra ->
                Arbitraries.randoms().map(random -> {
                    List<Integer> all = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        all.add(i);
                    }
                    all.addAll(extra);
                    Collections.shuffle(all, random);
                    return all;
                }));
    }
}
