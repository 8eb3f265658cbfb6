package io.strategyminer.ledger.event;

import io.strategyminer.backtest.Objective;
import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.Scenario;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.format.PayloadFormat;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {
    private final Scenario scenario = Scenario.get();

    @Test
    void everyPayloadTypeRoundTripsThroughItsCanonicalBytes() throws Exception {
        for (Event event : scenario.events) {
            Event decoded = Event.decode(event.encoded());
            assertEquals(event, decoded);
            assertEquals(event.payload(), decoded.payload());
            assertEquals(event.hash(), decoded.hash());
            assertEquals(event.origin(), decoded.origin());
            assertEquals(event.sequence(), decoded.sequence());
            assertEquals(event.previous(), decoded.previous());
            assertEquals(event.lamport(), decoded.lamport());
            assertArrayEquals(event.encoded(), decoded.encoded());
        }
        assertEquals(EventType.values().length, scenario.events.stream().map(Event::type).distinct().count(),
                "the scenario covers every event type");
    }

    @Test
    void theHashCoversTheSignatureAndChainsToThePreviousEvent() {
        Event first = scenario.events.get(0);
        assertEquals(Sha256.of(first.encoded()), first.hash());
        assertEquals(Sha256.ZERO, first.previous());
        Event aliceSecond = scenario.events.get(4);
        assertEquals(first.origin(), aliceSecond.origin());
        assertEquals(first.hash(), aliceSecond.previous());
    }

    @Test
    void signaturesVerifyOnlyWithTheOriginsKey() {
        Event event = scenario.events.get(4);
        assertTrue(event.signedBy(scenario.alice.identity().publicKey()));
        assertFalse(event.signedBy(scenario.bob.identity().publicKey()));
    }

    @Test
    void theGenomeIsStoredInItsCanonicalJson() {
        Event report = scenario.events.stream().filter(e -> e.type() == EventType.STRATEGY_REPORTED).findFirst()
                .orElseThrow();
        assertTrue(report.payloadJson().contains("\"genome\":" + GenomeJson.write(Fixtures.GENOME)),
                report.payloadJson());
    }

    @Test
    void malformedEnvelopesAreRefusedWithTheirReason() {
        byte[] good = scenario.events.get(4).encoded();
        assertReason(RejectReason.MALFORMED, new byte[10]);
        byte[] version = good.clone();
        version[0] = (byte) (PayloadFormat.CURRENT + 1);
        assertReason(RejectReason.MALFORMED, version);
        version[0] = 0;
        assertReason(RejectReason.MALFORMED, version);
        byte[] type = good.clone();
        type[Event.HEADER_BYTES - 5] = 99;
        assertReason(RejectReason.MALFORMED, type);
        byte[] length = good.clone();
        ByteBuffer.wrap(length).putInt(Event.HEADER_BYTES - 4, 3);
        assertReason(RejectReason.MALFORMED, length);
        byte[] zeroSequence = good.clone();
        ByteBuffer.wrap(zeroSequence).putLong(17, 0);
        assertReason(RejectReason.MALFORMED, zeroSequence);
        byte[] otherType = good.clone();
        otherType[Event.HEADER_BYTES - 5] = (byte) EventType.LEASE_GRANTED.code();
        assertReason(RejectReason.BAD_PAYLOAD, otherType);
    }

    @Test
    void payloadJsonIsStrict() {
        byte[] json = PayloadFormat.write(Fixtures.dataset());
        String text = new String(json, StandardCharsets.UTF_8);
        assertEquals(Fixtures.dataset(), PayloadFormat.read(PayloadFormat.CURRENT, EventType.DATASET_PUBLISHED, json));
        for (String bad : List.of(text.replace("{\"dataset\"", "{\"extra\":1,\"dataset\""),
                text.replace("\"candles\":30000", "\"candles\":30000,\"candles\":30000"),
                text.replace("\"candles\":30000,", ""),
                text.replace("\"candles\":30000", "\"candles\":\"30000\""),
                text.replace("\"candles\":30000", "\"candles\":30000.5"),
                text + " {}",
                text.replace("\"symbol\":\"BTC-USD\"", "\"symbol\":\"btc usd\""))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PayloadFormat.read(PayloadFormat.CURRENT, EventType.DATASET_PUBLISHED,
                            bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertTrue(e.getMessage().startsWith("DATASET_PUBLISHED"), e.getMessage());
        }
    }

    @Test
    void payloadsCheckEveryField() {
        PeerIdentity peer = scenario.alice.identity();
        assertThrows(IllegalArgumentException.class, () -> PeerAnnounced.of(peer, "", Scenario.M1, 4, 1, "v1"));
        assertThrows(IllegalArgumentException.class, () -> PeerAnnounced.of(peer, "a\nb", Scenario.M1, 4, 1, "v1"));
        assertThrows(IllegalArgumentException.class, () -> PeerAnnounced.of(peer, "p", Scenario.M1, 0, 1, "v1"));
        assertThrows(IllegalArgumentException.class,
                () -> PeerAnnounced.of(peer, "p", Scenario.M1, 4, Double.NaN, "v1"));
        assertThrows(IllegalArgumentException.class, () -> PeerAnnounced.of(peer, "p", null, 4, 1, "v1"));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.search("Bad Id", 4, 2, false));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.search("s", 0, 2, false));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.search("s", 4, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new SearchSubmitted("s", null));
        assertThrows(IllegalArgumentException.class, () -> new LeaseGranted("s", 0, peer.peerId(), 1, 1,
                LeaseKind.VERIFY, null));
        assertThrows(IllegalArgumentException.class, () -> new LeaseGranted("s", 0, peer.peerId(), 1, 1,
                LeaseKind.WORK, scenario.bobReport));
        assertThrows(IllegalArgumentException.class, () -> new LeaseGranted("s", -1, peer.peerId(), 1, 1,
                LeaseKind.WORK, null));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.checkpoint("s", 0, -1, sha("x")));
        Metrics nan = new Metrics(Double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new StrategyReported("s", 0, Fixtures.GENOME, nan,
                Fixtures.BUY_AND_HOLD_IN, Fixtures.OUT_OF_SAMPLE, Fixtures.BUY_AND_HOLD_OUT, sha("t"), sha("d"),
                EngineVersion.CURRENT, Fixtures.TRIALS));
        Metrics winRate = new Metrics(0, 0, 0, 0, 1.5, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new StrategyReported("s", 0, Fixtures.GENOME,
                Fixtures.IN_SAMPLE, Fixtures.BUY_AND_HOLD_IN, winRate, Fixtures.BUY_AND_HOLD_OUT, sha("t"), sha("d"),
                EngineVersion.CURRENT, Fixtures.TRIALS));
        Metrics infiniteSharpe = new Metrics(0, 0, 0, 0, 0, 0, 0, 0, 40, Double.POSITIVE_INFINITY, 0, 0, 3);
        assertThrows(IllegalArgumentException.class, () -> new StrategyReported("s", 0, Fixtures.GENOME,
                infiniteSharpe, Fixtures.BUY_AND_HOLD_IN, Fixtures.OUT_OF_SAMPLE, Fixtures.BUY_AND_HOLD_OUT, sha("t"),
                sha("d"), EngineVersion.CURRENT, Fixtures.TRIALS));
        assertThrows(IllegalArgumentException.class, () -> new StrategyReported("s", 0, Fixtures.GENOME,
                Fixtures.IN_SAMPLE, Fixtures.BUY_AND_HOLD_IN, Fixtures.OUT_OF_SAMPLE, Fixtures.BUY_AND_HOLD_OUT,
                sha("t"), sha("d"), EngineVersion.CURRENT, TrialStatistics.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new UnitFailed("s", 0, "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> new UnitFailed("s", 0, "x".repeat(UnitFailed.MAX_REASON + 1)));
        assertThrows(IllegalArgumentException.class, () -> new VerificationReported(scenario.bobReport, sha("d"),
                "bad version!"));
        assertThrows(IllegalArgumentException.class, () -> new DatasetPublished(Fixtures.DATASET, "n", "BTC-USD",
                300, 10, 10, List.of()));
    }

    @Test
    void anInvalidGenomeInsideAReportIsABadPayload() throws Exception {
        Event report = scenario.events.stream().filter(e -> e.type() == EventType.STRATEGY_REPORTED).findFirst()
                .orElseThrow();
        String json = report.payloadJson().replace("\"positionPct\":50.0", "\"positionPct\":99.0");
        assertNotEquals(report.payloadJson(), json, "the fixture genome has a 50 % position");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PayloadFormat.read(PayloadFormat.CURRENT, EventType.STRATEGY_REPORTED,
                        json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("position size"), e.getMessage());
    }

    @Test
    void signingRefusesOutOfRangeEnvelopes() {
        PeerIdentity peer = scenario.alice.identity();
        Payload payload = Fixtures.dataset();
        assertThrows(IllegalArgumentException.class,
                () -> Event.sign(peer.peerId(), 0, Sha256.ZERO, 1, payload, peer));
        assertThrows(IllegalArgumentException.class,
                () -> Event.sign(peer.peerId(), 2, Sha256.ZERO, 2, payload, peer));
        assertThrows(IllegalArgumentException.class,
                () -> Event.sign(peer.peerId(), 1, sha("x"), 1, payload, peer));
        assertThrows(IllegalArgumentException.class,
                () -> Event.sign(peer.peerId(), 3, sha("x"), 2, payload, peer));
        assertThrows(IllegalArgumentException.class,
                () -> Event.sign(peer.peerId(), 1, Sha256.ZERO, Event.MAX_LAMPORT + 1, payload, peer));
    }

    private static void assertReason(RejectReason reason, byte[] bytes) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> Event.decode(bytes));
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
