package io.strategyminer.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.ApplyResult.Status;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.StateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The ledger's properties, each try on a real RocksDB ledger in a temporary directory. Signing is
 * slow, so the events come from the shared {@link Scenario} (or small fresh chains) and the
 * generators choose orders, duplicates, prefixes and tampered bytes.
 */
class LedgerProperties {
    private final Scenario scenario = Scenario.get();
    private final PeerIdentity me = PeerIdentity.generate();
    /** A ledger shared by the tries of one property (only where tries must not change it). */
    private Ledger shared;
    private Path sharedDir;
    private List<Event> targets;

    @BeforeProperty
    void openShared() throws IOException {
        sharedDir = Files.createTempDirectory("ledger-prop");
        shared = Ledger.open(sharedDir, me);
        // every event except the newest of each origin: those are the targets, next in their chains
        Map<PeerId, Event> newest = new TreeMap<>();
        scenario.events.forEach(e -> newest.put(e.origin(), e));
        targets = new ArrayList<>(newest.values());
        List<Event> rest = new ArrayList<>(scenario.events);
        rest.removeAll(targets);
        BatchResult setup = shared.applyBatch(rest);
        assertEquals(rest.size(), setup.applied().size());
    }

    @AfterProperty
    void closeShared() {
        try {
            VersionVector before = shared.versionVector();
            for (Event target : targets) {
                assertEquals(Status.APPLIED, shared.apply(target).status(),
                        "the untouched event still applies after every tampered copy: " + target);
            }
            assertEquals(before.total() + targets.size(), shared.versionVector().total());
        } finally {
            shared.close();
            Fixtures.deleteTree(sharedDir);
        }
    }

    // ---- convergence ----

    @Property(tries = 40)
    void anyDeliveryOrderWithDuplicatesGivesTheSameVersionVectorAndState(
            @ForAll("deliveries") List<Integer> delivery, @ForAll @IntRange(min = 0, max = 6) int batchSize)
            throws IOException {
        List<Event> events = new ArrayList<>();
        delivery.forEach(i -> events.add(scenario.events.get(i)));
        withFreshLedger(ledger -> {
            if (batchSize == 0) {
                events.forEach(ledger::apply);
            } else {
                for (int from = 0; from < events.size(); from += batchSize) {
                    ledger.applyBatch(events.subList(from, Math.min(events.size(), from + batchSize)));
                }
            }
            assertEquals(versionVectorOf(scenario.events), ledger.versionVector());
            assertEquals(fold(scenario.events), ledger.read(LedgerState::snapshot));
            assertEquals(0, ledger.stats().pending());
            assertEquals(Map.of(), ledger.stats().rejected());
        });
    }

    @Provide
    Arbitrary<List<Integer>> deliveries() {
        return Scenario.deliveries();
    }

    // ---- delta ----

    @Property(tries = 30)
    void deltaIsCompleteAndMinimal(@ForAll("prefixes") Map<PeerId, Integer> mine,
                                   @ForAll("prefixes") Map<PeerId, Integer> theirs) throws IOException {
        List<Event> myEvents = prefixes(mine);
        List<Event> theirEvents = prefixes(theirs);
        withFreshLedger(source -> withFreshLedger(sink -> {
            source.applyBatch(myEvents);
            sink.applyBatch(theirEvents);
            VersionVector theirVector = sink.versionVector();

            List<Event> delta = new ArrayList<>();
            try (DeltaCursor cursor = source.delta(theirVector, 4, 1 << 20)) {
                cursor.forEachRemaining(delta::addAll);
            }
            Set<Event> lacking = new HashSet<>(myEvents);
            lacking.removeAll(theirEvents);
            assertEquals(lacking, new HashSet<>(delta), "exactly what they lack and I have");
            assertEquals(lacking.size(), delta.size(), "each event once");

            BatchResult applied = sink.applyBatch(delta);
            assertEquals(delta.size(), applied.applied().size());
            assertEquals(source.versionVector().merge(theirVector), sink.versionVector());
            Set<Event> union = new HashSet<>(myEvents);
            union.addAll(theirEvents);
            assertEquals(fold(new ArrayList<>(union)), sink.read(LedgerState::snapshot));
        }));
    }

    /** A prefix length per scenario origin. */
    @Provide
    Arbitrary<Map<PeerId, Integer>> prefixes() {
        Map<PeerId, Long> lengths = new TreeMap<>(versionVectorOf(Scenario.get().events).entries());
        List<PeerId> origins = new ArrayList<>(lengths.keySet());
        List<Arbitrary<Integer>> each = new ArrayList<>();
        origins.forEach(origin -> each.add(Arbitraries.integers().between(0, lengths.get(origin).intValue())));
        return Combinators.combine(each).as(values -> {
            Map<PeerId, Integer> prefix = new TreeMap<>();
            for (int i = 0; i < origins.size(); i++) {
                prefix.put(origins.get(i), values.get(i));
            }
            return prefix;
        });
    }

    // ---- rejection ----

    @Property(tries = 400)
    void aTamperedByteInAnyFieldIsRejected(@ForAll @IntRange(min = 0, max = 3) int target,
                                           @ForAll @IntRange(min = 0, max = 100_000) int where,
                                           @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] bytes = targets.get(target).encoded();
        int position = where % bytes.length;
        bytes[position] ^= (byte) flip;
        VersionVector before = shared.versionVector();

        ApplyResult result = shared.apply(bytes);

        boolean originField = position >= 1 && position < 1 + PeerId.BYTES;
        if (originField && result.status() != Status.REJECTED) {
            // an unknown origin has no key yet: held (or already held by an earlier try), never applied,
            // and it cannot block the real origin
            assertTrue(result.status() == Status.HELD || result.status() == Status.DUPLICATE, result.toString());
            assertTrue(shared.gaps().stream().anyMatch(gap -> !before.entries().containsKey(gap.origin())));
        } else {
            assertEquals(Status.REJECTED, result.status(), "byte " + position + " ^ " + flip);
        }
        assertEquals(before, shared.versionVector());
    }

    /** Exhaustive companion of the property above: every byte of the smallest target, flipped once. */
    @Example
    void everyByteOfAnEventIsCovered() {
        Event smallest = targets.stream().min(java.util.Comparator.comparingInt(Event::size)).orElseThrow();
        for (int position = 0; position < smallest.size(); position++) {
            aTamperedByteInAnyFieldIsRejected(targets.indexOf(smallest), position, 0x01);
        }
    }

    @Property(tries = 20)
    void anEventSignedByAKeyThatIsNotItsOriginsIsRejected(@ForAll @IntRange(min = 0, max = 3) int target) {
        Event genuine = targets.get(target);
        Event forged = Event.sign(genuine.origin(), genuine.sequence(), genuine.previous(), genuine.lamport(),
                genuine.payload(), PeerIdentity.generate());
        ApplyResult result = shared.apply(forged);
        assertEquals(Status.REJECTED, result.status());
        assertEquals(RejectReason.BAD_SIGNATURE, result.reason().orElseThrow());

        PeerIdentity stranger = PeerIdentity.generate();
        PeerIdentity signer = PeerIdentity.generate();
        Event selfSignedByOther = Event.sign(stranger.peerId(), 1, Sha256.ZERO, 1,
                Fixtures.announce(stranger, Scenario.M1, 1), signer);
        assertEquals(RejectReason.BAD_SIGNATURE, shared.apply(selfSignedByOther).reason().orElseThrow());
        Event announcesOtherKey = Event.sign(stranger.peerId(), 1, Sha256.ZERO, 1,
                Fixtures.announce(signer, Scenario.M1, 1), signer);
        assertEquals(RejectReason.BAD_ANNOUNCEMENT, shared.apply(announcesOtherKey).reason().orElseThrow());
    }

    @Property(tries = 25)
    void aBatchWhoseChainIsBrokenIsRefusedWhole(@ForAll @IntRange(min = 1, max = 7) int brokenAt,
                                                @ForAll @IntRange(min = 0, max = 2) int how) {
        Fixtures.Chain chain = new Fixtures.Chain(PeerIdentity.generate());
        List<Event> run = new ArrayList<>();
        run.add(chain.next(10, Fixtures.announce(chain.identity(), Scenario.M2, 1)));
        for (int i = 1; i < 8; i++) {
            run.add(chain.next(10 * (i + 1), Fixtures.lease("s1", i, chain.id(), i)));
        }
        List<Event> broken = new ArrayList<>(run);
        Event original = run.get(brokenAt);
        switch (how) {
            case 0: // a validly signed different event in the middle (equivocation), or a bad newest signature
                broken.set(brokenAt, brokenAt < 7
                        ? Event.sign(chain.id(), original.sequence(), original.previous(), original.lamport(),
                                Fixtures.lease("s1", 999, chain.id(), 0), chain.identity())
                        : Event.sign(chain.id(), original.sequence(), original.previous(), original.lamport(),
                                original.payload(), PeerIdentity.generate()));
                break;
            case 1: // a link to the wrong predecessor
                broken.set(brokenAt, Event.sign(chain.id(), original.sequence(), Fixtures.sha("elsewhere"),
                        original.lamport(), original.payload(), chain.identity()));
                break;
            default: // Lamport time not increasing
                broken.set(brokenAt, Event.sign(chain.id(), original.sequence(), original.previous(),
                        run.get(brokenAt - 1).lamport(), original.payload(), chain.identity()));
                break;
        }
        BatchResult refused = shared.applyBatch(broken);
        assertEquals(List.of(), refused.applied());
        assertEquals(run.size(), refused.rejectedCount());
        assertEquals(0, shared.versionVector().get(chain.id()));

        assertEquals(run.size(), shared.applyBatch(run).applied().size(), "the genuine chain still applies");
    }

    // ---- helpers ----

    interface LedgerCheck {
        void check(Ledger ledger) throws IOException;
    }

    private void withFreshLedger(LedgerCheck check) throws IOException {
        Path dir = Files.createTempDirectory("ledger-prop");
        try (Ledger ledger = Ledger.open(dir, PeerIdentity.generate())) {
            check.check(ledger);
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    private List<Event> prefixes(Map<PeerId, Integer> lengths) {
        List<Event> out = new ArrayList<>();
        for (Event event : scenario.events) {
            if (event.sequence() <= lengths.getOrDefault(event.origin(), 0)) {
                out.add(event);
            }
        }
        return out;
    }

    static VersionVector versionVectorOf(List<Event> events) {
        Map<PeerId, Long> vector = new TreeMap<>();
        events.forEach(e -> vector.merge(e.origin(), e.sequence(), Math::max));
        return VersionVector.of(vector);
    }

    static StateSnapshot fold(List<Event> events) {
        LedgerState state = new LedgerState();
        events.forEach(state::apply);
        return state.snapshot();
    }
}
