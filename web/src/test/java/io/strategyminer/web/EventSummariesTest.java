package io.strategyminer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.identity.PeerIdentity;
import org.junit.jupiter.api.Test;

/** The live stream names what each event is about, so the feed can say it without a second request. */
class EventSummariesTest {
    private final PeerIdentity signer = PeerIdentity.generate();

    @Test
    void aFailedUnitNamesItsSearchUnitAndReason() {
        ObjectNode node = EventSummaries.summary(signed(new UnitFailed("s-1", 3, "the dataset is gone")), true);

        assertEquals("UNIT_FAILED", node.get("type").asText());
        assertEquals("s-1", node.get("searchId").asText());
        assertEquals(3, node.get("unit").asInt());
        assertEquals("the dataset is gone", node.get("reason").asText());
        assertEquals(true, node.get("local").asBoolean());
    }

    @Test
    void aProofOfEquivocationNamesTheOffenderAndWhichPartItIs() {
        Event first = signed(new UnitFailed("s-1", 0, "one story"));
        Event second = signed(new UnitFailed("s-1", 0, "another story"));
        EquivocationProof part = Equivocation.between(first, second, signer.publicKey()).orElseThrow().proof().get(0);

        ObjectNode node = EventSummaries.summary(signed(part), false);

        assertEquals("EQUIVOCATION_PROOF", node.get("type").asText());
        assertEquals(signer.peerId().hex(), node.get("offender").asText());
        assertEquals(0, node.get("part").asInt());
        assertEquals(1, node.get("parts").asInt());
    }

    /** The same sequence and predecessor each time, so two different payloads are an equivocation. */
    private Event signed(Payload payload) {
        return Event.sign(signer.peerId(), 1, Sha256.ZERO, 1, payload, signer);
    }
}
