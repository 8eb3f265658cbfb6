package io.strategyminer.ledger;

import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignatureMemoTest {
    private final Scenario scenario = Scenario.get();

    /** A memo over the real check that counts the real checks. */
    private static SignatureMemo countingMemo(AtomicInteger realChecks) {
        return new SignatureMemo((event, key) -> {
            realChecks.incrementAndGet();
            return event.signedBy(key);
        });
    }

    @Test
    void ledgersSharingAMemoVerifyEachEventOnceAndAcceptTheSame() {
        AtomicInteger realChecks = new AtomicInteger();
        SignatureMemo memo = countingMemo(realChecks);
        LedgerState expected = new LedgerState();
        scenario.events.forEach(expected::apply);
        for (int i = 0; i < 3; i++) {
            try (Ledger ledger = Ledger.open(new MemoryLedgerStore(), PeerIdentity.generate(), memo)) {
                scenario.events.forEach(event -> assertEquals(ApplyResult.Status.APPLIED,
                        ledger.apply(event).status(), event.toString()));
                assertEquals(expected.snapshot(), ledger.read(LedgerState::snapshot));
            }
        }
        assertEquals(scenario.events.size(), realChecks.get(), "one real check per event, not per ledger");
        assertEquals(scenario.events.size(), memo.verified());
        assertEquals(2L * scenario.events.size(), memo.remembered());
    }

    @Test
    void aForgedEventIsRefusedByEveryLedgerSharingTheMemo() {
        SignatureMemo memo = new SignatureMemo();
        Event alice1 = scenario.events.get(0);
        Event forged = Event.sign(scenario.alice.id(), 2, alice1.hash(), 50, Fixtures.dataset(),
                scenario.bob.identity());
        for (int i = 0; i < 2; i++) {
            try (Ledger ledger = Ledger.open(new MemoryLedgerStore(), PeerIdentity.generate(), memo)) {
                ledger.apply(alice1);
                ApplyResult result = ledger.apply(forged);
                assertEquals(Optional.of(RejectReason.BAD_SIGNATURE), result.reason());
            }
        }
        assertEquals(2, memo.remembered(), "the second ledger got both answers from memory, the refusal too");
    }

    @Test
    void anEventSignedInThisProcessIsRememberedValidForItsSignerOnly() {
        AtomicInteger realChecks = new AtomicInteger();
        SignatureMemo memo = countingMemo(realChecks);
        Event alice1 = scenario.events.get(0);
        memo.rememberSigned(alice1, scenario.alice.identity());
        assertTrue(memo.verify(alice1, scenario.alice.identity().publicKey()));
        assertEquals(0, realChecks.get());
        assertFalse(memo.verify(alice1, scenario.bob.identity().publicKey()));
        assertEquals(1, realChecks.get());
        assertThrows(IllegalArgumentException.class, () -> memo.rememberSigned(alice1, scenario.bob.identity()));
    }

    @Test
    void anAnswerIsOnlyReusedForTheSameKey() {
        AtomicInteger realChecks = new AtomicInteger();
        SignatureMemo memo = countingMemo(realChecks);
        Event alice1 = scenario.events.get(0);
        assertTrue(memo.verify(alice1, scenario.alice.identity().publicKey()));
        assertFalse(memo.verify(alice1, scenario.bob.identity().publicKey()), "another key is checked for real");
        assertEquals(2, realChecks.get());
        Event other = Event.sign(scenario.alice.id(), 9, sha("x"), 90, Fixtures.dataset(), scenario.alice.identity());
        assertTrue(memo.verify(other, scenario.alice.identity().publicKey()));
        assertEquals(3, realChecks.get());
    }
}
