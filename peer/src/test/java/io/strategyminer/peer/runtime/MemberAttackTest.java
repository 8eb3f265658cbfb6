package io.strategyminer.peer.runtime;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.ResultDigest;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.StrategyStatus;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.TestSearches;
import io.strategyminer.peer.security.ClusterSecret;
import io.strategyminer.miner.SearchSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member holding the cluster secret runs modified code (DESIGN §8): here a third peer of the cluster whose ledger
 * the test drives directly, as modified code would. It announces five identities with made-up machine ids, reports a
 * fabricated result for a unit of an honest search with a backdated Lamport time and has its identities verify it,
 * grants a forged lease of epoch and deadline {@code Long.MAX_VALUE} on another unit, and once that unit's honest
 * result is canonical, votes against it with all its identities. Its events reach the honest peers by repair sync,
 * as any member's do. The honest peers must finish the search with exactly the one-machine results, never show the
 * fabricated digest as canonical, and keep the honest result canonical.
 */
class MemberAttackTest {
    private static final Dataset BTC = BundledDatasets.btcUsd5m();
    private static final Genome GENOME = GenomeJson.read("""
            {"entry": {"combine": "AND", "conditions": [{"left": "RSI(14)", "op": "<", "right": 30}]},
             "exit": {"combine": "OR", "conditions": [{"left": "RSI(14)", "op": ">", "right": 70}]},
             "stopLossPct": 2, "takeProfitPct": 4, "trailingStopPct": 0, "maxBarsHeld": 0,
             "positionPct": 50, "risk": "MEDIUM"}""");

    private final List<PeerRuntime> honest = new ArrayList<>();
    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private PeerRuntime modified;
    private Path root;

    @BeforeEach
    void startTwoHonestPeersAndAModifiedOne() throws IOException {
        root = Files.createTempDirectory("sm-attack");
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        for (int i = 0; i < 2; i++) {
            honest.add(PeerRuntime.start(RuntimeTestSupport.loopbackPeer("honest-" + i, root.resolve("honest-" + i),
                    ports.get(i), ports, secret)));
        }
        modified = PeerRuntime.start(RuntimeTestSupport.loopbackPeer("modified", root.resolve("modified"), ports.get(2),
                ports, secret));
        List<PeerRuntime> all = List.of(honest.get(0), honest.get(1), modified);
        await(Duration.ofSeconds(20), "a view of three", () -> all.stream().allMatch(p -> p.view().size() == 3));
    }

    @AfterEach
    void stopAll() {
        honest.forEach(PeerRuntime::close);
        if (modified != null) {
            modified.close();
        }
        RuntimeTestSupport.deleteTree(root);
    }

    @Test
    void sybilVotesForgedLeasesAndFlipVotesDoNotChangeWhatHonestPeersShowAsCanonical() throws InterruptedException {
        SearchSubmitted search = TestSearches.search("attacked", BTC.id(), 12, 6, 2, 2, 424_242L);
        List<Sha256> expected = PeerRuntimeClusterTest.oneMachineDigests(search);

        // the modified member's identities: five made-up machines, which votes alone would count as five peers
        List<SignedChain> sybils = new ArrayList<>();
        List<Event> attack = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SignedChain sybil = new SignedChain(PeerIdentity.generate());
            sybils.add(sybil);
            attack.add(sybil.next(PeerAnnounced.of(sybil.identity, "sybil-" + i, MachineId.fromSystemId("made-up-" + i),
                    8, 1e6, EngineVersion.CURRENT)));
        }
        attack.add(sybils.get(0).next(search));
        // a fabricated result for unit 0, its figures bound to a digest no honest re-run gives, at Lamport time 3
        SearchSpec spec = search.spec();
        Metrics fantastic = new Metrics(987_654, 9_876.54, Double.NaN, 42, 0.9, 100, 50, 1, 5, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
        Sha256 trades = Sha256.of("trades nobody can reproduce".getBytes(StandardCharsets.UTF_8));
        Sha256 fake = Sha256.parse(ResultDigest.of(EngineVersion.CURRENT, spec.dataset(), spec.unitSplit(0), spec.costs(),
                trades.hex(), fantastic, fantastic, fantastic, fantastic));
        StrategyId fakeId = sybils.get(0).nextId();
        attack.add(sybils.get(0).next(new StrategyReported(search.searchId(), 0, GENOME, fantastic,
                fantastic, fantastic, fantastic, trades, fake, EngineVersion.CURRENT,
                new TrialStatistics(1, 0, 0, 0))));
        for (SignedChain sybil : sybils.subList(1, 5)) {
            attack.add(sybil.next(new VerificationReported(fakeId, fake, EngineVersion.CURRENT)));
        }
        // a forged lease that would hold unit 1 forever and outrank every real one
        attack.add(sybils.get(1).next(new LeaseGranted(search.searchId(), 1, sybils.get(1).identity.peerId(),
                Long.MAX_VALUE, Long.MAX_VALUE, LeaseKind.WORK, null)));
        LedgerState votesAlone = new LedgerState();
        attack.forEach(votesAlone::apply);
        assertEquals(StrategyStatus.CANONICAL, votesAlone.strategy(fakeId).orElseThrow().status(),
                "five sybil votes make it canonical wherever votes alone decide");
        modified.ledger().applyBatch(attack);

        AtomicBoolean fakeShown = new AtomicBoolean();
        await(Duration.ofSeconds(120), "the honest peers finish the search", () -> {
            honest.forEach(p -> p.read(state -> state.strategy(fakeId)).filter(s -> s.status()
                    == StrategyStatus.CANONICAL).ifPresent(s -> fakeShown.set(true)));
            return honest.stream().allMatch(p -> p.read(state -> state.search(search.searchId())
                    .map(s -> s.unitsDone() == 2).orElse(false)));
        });
        for (PeerRuntime peer : honest) {
            assertEquals(expected, canonicalDigests(peer, search), peer.settings().name());
            assertEquals(StrategyStatus.INVALID, peer.read(state -> state.strategy(fakeId)).orElseThrow().status(),
                    "its own re-run gives another digest");
            assertNotEquals(Optional.of(fake), peer.read(state -> state.ownDigest(fakeId)));
        }
        assertTrue(!fakeShown.get(), "no honest peer ever showed the fabricated result as canonical");

        // now every sybil votes against the honest result of unit 1
        StrategyId honestResult = honest.get(0).read(state -> state.unit(search.searchId(), 1).orElseThrow()
                .canonical().orElseThrow());
        Sha256 other = Sha256.of("another digest".getBytes(StandardCharsets.UTF_8));
        List<Event> flip = new ArrayList<>();
        for (SignedChain sybil : sybils) {
            flip.add(sybil.next(new VerificationReported(honestResult, other, EngineVersion.CURRENT)));
        }
        modified.ledger().applyBatch(flip);
        await(Duration.ofSeconds(30), "the flip votes reached the honest peers", () -> honest.stream()
                .allMatch(p -> p.read(state -> state.strategy(honestResult).orElseThrow().verifications().size())
                        >= flip.size()));
        for (PeerRuntime peer : honest) {
            assertEquals(StrategyStatus.CANONICAL, peer.read(state -> state.strategy(honestResult).orElseThrow()
                    .status()), "an honest canonical result is not flipped on " + peer.settings().name());
        }
    }

    private static List<Sha256> canonicalDigests(PeerRuntime peer, SearchSubmitted search) {
        List<Sha256> digests = new ArrayList<>();
        for (int unit = 0; unit < search.spec().workUnits(); unit++) {
            int u = unit;
            digests.add(peer.read(state -> state.unit(search.searchId(), u).orElseThrow().result().orElseThrow()
                    .report().digest()));
        }
        return digests;
    }

    /** One identity's chain of signed events, as modified code signs them: any Lamport time it likes. */
    private static final class SignedChain {
        final PeerIdentity identity;
        private long sequence;
        private Sha256 previous = Sha256.ZERO;

        SignedChain(PeerIdentity identity) {
            this.identity = identity;
        }

        /** The next event, at the smallest Lamport time the envelope allows (backdated as far as possible). */
        Event next(Payload payload) {
            Event event = Event.sign(identity.peerId(), sequence + 1, previous, sequence + 1, payload, identity);
            sequence = event.sequence();
            previous = event.hash();
            return event;
        }

        StrategyId nextId() {
            return new StrategyId(identity.peerId(), sequence + 1);
        }
    }
}
