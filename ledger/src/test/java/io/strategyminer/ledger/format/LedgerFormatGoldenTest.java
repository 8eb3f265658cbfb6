package io.strategyminer.ledger.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.EventType;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.RetiredPayload;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.UnitStatus;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import io.strategyminer.miner.SearchSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden events of every ledger format a release wrote, as signed bytes (one hex line per event, one origin's chain
 * per file). They were written once, by the release of their format, and are never regenerated: a change to a
 * domain record or a schema that would make a user's stored ledger undecodable, or read differently, fails here.
 */
class LedgerFormatGoldenTest {

    @Test
    void formatOneStillDecodesItsSearchesLeasesAndCheckpointsAndRetiresEngineOneResults() throws Exception {
        List<Event> chain = chain("chain-v1.hex", 1);
        assertEquals(List.of(EventType.PEER_ANNOUNCED, EventType.DATASET_PUBLISHED, EventType.SEARCH_SUBMITTED,
                EventType.LEASE_GRANTED, EventType.CHECKPOINT_SAVED, EventType.STRATEGY_REPORTED,
                EventType.VERIFICATION_REPORTED, EventType.LEASE_GRANTED, EventType.LEASE_GRANTED),
                chain.stream().map(Event::type).toList());

        PeerAnnounced peer = (PeerAnnounced) chain.get(0).payload();
        assertEquals("laptop", peer.name());
        assertEquals(8, peer.cores());
        assertEquals(123456.75, peer.backtestsPerSecond());
        assertEquals("sm-engine-1", peer.engineVersion());

        DatasetPublished dataset = (DatasetPublished) chain.get(1).payload();
        assertEquals(Fixtures.DATASET, dataset.dataset());
        assertEquals(List.of(300, 30_000, 1_440_000L, 2), List.of(dataset.timeframeSeconds(), dataset.candles(),
                dataset.sizeBytes(), dataset.chunks().size()));

        SearchSubmitted search = (SearchSubmitted) chain.get(2).payload();
        assertEquals("s-0123456789ab", search.searchId());
        SearchSpec spec = search.spec();
        assertEquals(Fixtures.DATASET, spec.dataset());
        assertEquals(List.of(70, 40, 25, 10, 4, 2), List.of(spec.splitPercent(), spec.population(),
                spec.generations(), spec.minTrades(), spec.workUnits(), spec.quorum()));
        assertEquals(RiskLevel.MEDIUM, spec.risk());
        assertEquals(Objective.SHARPE, spec.objective());
        assertEquals(-42L, spec.seed());
        // format 1 had no costs: every backtest then ran with the engine's defaults
        assertEquals(BacktestConfig.DEFAULT, spec.costs());

        LeaseGranted work = (LeaseGranted) chain.get(3).payload();
        assertEquals(List.of(3, 7L, 1_700_000_000_000L), List.of(work.unit(), work.epoch(), work.deadlineMillis()));
        assertEquals(LeaseKind.WORK, work.kind());
        assertEquals(chain.get(0).origin(), work.holder());

        CheckpointSaved checkpoint = (CheckpointSaved) chain.get(4).payload();
        assertEquals(List.of(15, 2048L), List.of(checkpoint.generation(), checkpoint.sizeBytes()));
        assertEquals(Sha256.of("blob".getBytes(StandardCharsets.US_ASCII)), checkpoint.blob());

        for (int i : new int[] {5, 6}) {
            RetiredPayload retired = assertInstanceOf(RetiredPayload.class, chain.get(i).payload());
            assertEquals(1, retired.version());
            assertTrue(retired.reason().contains("sm-engine-1"), retired.reason());
        }
        LeaseGranted verify = (LeaseGranted) chain.get(7).payload();
        assertEquals(new StrategyId(chain.get(0).origin(), 6), verify.target());
        assertEquals(LeaseKind.SPECULATIVE, ((LeaseGranted) chain.get(8).payload()).kind());
    }

    @Test
    void aLedgerTakesAFormatOneChainAndMinesItsSearchAgain() throws Exception {
        List<Event> chain = chain("chain-v1.hex", 1);
        try (Ledger ledger = Ledger.open(new MemoryLedgerStore(), PeerIdentity.generate())) {
            ledger.applyBatch(chain);
            assertEquals(chain.size(), ledger.stats().events());
            SearchView search = ledger.read(state -> state.search("s-0123456789ab")).orElseThrow();
            // the engine-1 report is retired, so its unit is not done: it is leased (or mined) again
            assertEquals(0, search.unitsDone());
            assertTrue(search.units().get(3).reports().isEmpty());
            assertEquals(UnitStatus.OPEN, search.units().get(0).status());
        }
    }

    @Test
    void formatTwoDecodesEveryTypeToTheSameRecordsAndTheSameBytes() throws Exception {
        List<Event> chain = chain("chain-v2.hex", 2);
        assertEquals(Arrays.stream(EventType.values()).toList(), chain.stream().map(Event::type).distinct().sorted()
                .toList(), "the golden chain holds every event type");
        for (Event event : chain) {
            // what is read writes back to exactly the stored JSON: no field gained, lost or renamed
            assertArrayEquals(event.payloadJson().getBytes(StandardCharsets.UTF_8), FormatV2.write(event.payload()),
                    event.type().name());
        }
        SearchSubmitted search = (SearchSubmitted) payload(chain, EventType.SEARCH_SUBMITTED);
        assertEquals(1, search.spec().walkForward(), "format 2 searches are single splits");
        assertEquals(0.25, search.spec().feePct());
        assertEquals(0.02, search.spec().slippagePct());
        StrategyReported report = (StrategyReported) payload(chain, EventType.STRATEGY_REPORTED);
        assertEquals(Fixtures.IN_SAMPLE, report.inSample());
        assertEquals(Fixtures.OUT_OF_SAMPLE, report.outOfSample(), "undefined statistics survive as NaN");
        assertEquals(Fixtures.BUY_AND_HOLD_IN, report.inSampleBuyAndHold());
        assertEquals(Fixtures.TRIALS, report.trials());
        assertTrue(report.bindsFigures(Fixtures.spec(4, 2, false)));
        assertEquals("no genome qualified", ((UnitFailed) payload(chain, EventType.UNIT_FAILED)).reason());
        assertInstanceOf(VerificationReported.class, payload(chain, EventType.VERIFICATION_REPORTED));
        // a one-part proof that another peer signed two searches under its sequence 2: it still assembles and verifies
        EquivocationProof proof = (EquivocationProof) payload(chain, EventType.EQUIVOCATION_PROOF);
        Equivocation equivocation = Equivocation.assemble(List.of(proof)).orElseThrow();
        assertEquals(proof.offender(), equivocation.offender());
        assertEquals(2, equivocation.forkSequence());
    }

    @Test
    void formatThreeDecodesEveryTypeAndAWalkForwardSearch() throws Exception {
        List<Event> chain = chain("chain-v3.hex", 3);
        assertEquals(Arrays.stream(EventType.values()).toList(), chain.stream().map(Event::type).distinct().sorted()
                .toList(), "the golden chain holds every event type");
        for (Event event : chain) {
            assertArrayEquals(event.payloadJson().getBytes(StandardCharsets.UTF_8), PayloadFormat.write(event.payload()),
                    event.type().name());
        }
        SearchSpec spec = ((SearchSubmitted) payload(chain, EventType.SEARCH_SUBMITTED)).spec();
        assertEquals(List.of(4, 8), List.of(spec.walkForward(), spec.workUnits()));
        assertTrue(spec.anchored());
        assertEquals(0.25, spec.feePct());
        // every other payload is stored as format 2 stored it
        StrategyReported report = (StrategyReported) payload(chain, EventType.STRATEGY_REPORTED);
        assertEquals(Fixtures.IN_SAMPLE, report.inSample());
        assertEquals(Fixtures.TRIALS, report.trials());
        assertEquals("no genome qualified", ((UnitFailed) payload(chain, EventType.UNIT_FAILED)).reason());
    }

    /** The events of a golden file: each decodes, chains to the one before and carries a valid signature. */
    private static List<Event> chain(String file, int version) throws Exception {
        List<Event> events = new ArrayList<>();
        PublicKey key = null;
        Sha256 previous = Sha256.ZERO;
        for (String line : lines(file)) {
            byte[] bytes = HexFormat.of().parseHex(line);
            assertEquals(version, bytes[0], "format version byte of " + file);
            Event event = Event.decode(bytes);
            if (key == null) {
                key = ((PeerAnnounced) event.payload()).verifyingKey();
            }
            assertTrue(event.signedBy(key), event + " is signed by its origin");
            assertEquals(previous, event.previous(), event + " chains to the event before");
            previous = event.hash();
            events.add(event);
        }
        return events;
    }

    private static Payload payload(List<Event> chain, EventType type) {
        return chain.stream().filter(e -> e.type() == type).findFirst().orElseThrow().payload();
    }

    private static List<String> lines(String file) throws IOException {
        try (InputStream in = LedgerFormatGoldenTest.class.getResourceAsStream("/ledger-format/" + file)) {
            if (in == null) {
                throw new IllegalStateException("golden file ledger-format/" + file + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
