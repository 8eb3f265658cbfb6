package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.announce;
import static io.strategyminer.ledger.Fixtures.lease;
import static io.strategyminer.ledger.Fixtures.machine;
import static io.strategyminer.ledger.Fixtures.search;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import org.junit.jupiter.api.Test;

/**
 * Plausible lease epochs: every epoch from 1 up to the top was used by some lease, so an epoch forged above a gap
 * counts only once the epochs below it exist; and who granted at an epoch tells a coordinator whether another one
 * shares its term.
 */
class LeaseEpochsTest {
    private final PeerId coordinator = PeerIdentity.generate().peerId();
    private final PeerId other = PeerIdentity.generate().peerId();

    @Test
    void withoutALeaseAtEpochOneNothingIsPlausible() {
        LeaseEpochs epochs = new LeaseEpochs();
        assertEquals(0, epochs.top());
        assertFalse(epochs.plausible(1));
        assertTrue(epochs.plausible(0));
        epochs.add(2, coordinator);
        assertEquals(0, epochs.top(), "epoch 2 above the missing epoch 1");
        assertFalse(epochs.plausible(2));
    }

    @Test
    void theTopClimbsOneEpochAtATimeAndStopsBelowAGap() {
        LeaseEpochs epochs = new LeaseEpochs();
        epochs.add(1, coordinator);
        epochs.add(2, coordinator);
        epochs.add(4, other);
        assertEquals(2, epochs.top());
        assertTrue(epochs.plausible(2), "exactly the top is plausible");
        assertFalse(epochs.plausible(3));
        assertFalse(epochs.plausible(4), "above the gap at 3");

        epochs.add(3, other); // the missing epoch arrives: the forged-looking one is reached
        assertEquals(4, epochs.top());
        assertTrue(epochs.plausible(4));
        assertFalse(epochs.plausible(5));

        epochs.add(Long.MAX_VALUE, other);
        assertEquals(4, epochs.top(), "a forged epoch far above stays implausible");
        assertFalse(epochs.plausible(Long.MAX_VALUE));
    }

    @Test
    void theRememberedTopFollowsEveryNewEpochAndAClear() {
        LeaseEpochs epochs = new LeaseEpochs();
        epochs.add(1, coordinator);
        assertEquals(1, epochs.top());
        epochs.add(1, coordinator); // the same granter again: nothing new
        assertEquals(1, epochs.top());
        epochs.add(2, other);
        assertEquals(2, epochs.top(), "a new epoch is seen at once, not the remembered top");
        epochs.add(2, coordinator); // a second granter at a known epoch
        assertEquals(2, epochs.top());
        epochs.clear();
        assertEquals(0, epochs.top());
        assertFalse(epochs.grantedByOtherThan(2, coordinator));
    }

    @Test
    void anotherGranterAtTheSameEpochMeansAnotherCoordinatorSharesTheTerm() {
        LeaseEpochs epochs = new LeaseEpochs();
        epochs.add(1, coordinator);
        assertFalse(epochs.grantedByOtherThan(1, coordinator), "only its own leases");
        assertTrue(epochs.grantedByOtherThan(1, other), "seen from the other one");
        assertFalse(epochs.grantedByOtherThan(2, coordinator), "nobody granted at epoch 2");
        epochs.add(1, other);
        assertTrue(epochs.grantedByOtherThan(1, coordinator), "two coordinators granted at epoch 1");
        assertTrue(epochs.grantedByOtherThan(1, other));
    }

    @Test
    void theLedgerCountsEveryLeaseEpochAndForgetsThoseOfABannedGranter() {
        Fixtures.Chain alice = new Fixtures.Chain(PeerIdentity.generate());
        Fixtures.Chain mallory = new Fixtures.Chain(PeerIdentity.generate());
        Fixtures.Chain bob = new Fixtures.Chain(PeerIdentity.generate());
        LedgerState state = new LedgerState();
        state.apply(alice.next(1, announce(alice.identity(), machine("a"), 2)));
        state.apply(alice.next(2, search("s", 3, 1, false)));
        state.apply(alice.next(3, lease("s", 0, bob.id(), 1)));
        Event malloryAnnounced = mallory.next(4, announce(mallory.identity(), machine("m"), 2));
        state.apply(malloryAnnounced);
        state.apply(mallory.next(5, lease("s", 1, bob.id(), 2)));
        state.apply(alice.next(6, lease("s", 2, bob.id(), 3)));
        assertEquals(3, state.leaseEpochs().top());
        assertTrue(state.leaseEpochs().grantedByOtherThan(2, alice.id()));

        // mallory equivocates: its lease at epoch 2 counts no more, and epoch 3 now sits above a gap
        Event one = Event.sign(mallory.id(), 9, Fixtures.sha("previous"), 9, search("x", 1, 1, false), mallory.identity());
        Event two = Event.sign(mallory.id(), 9, Fixtures.sha("previous"), 9, search("y", 1, 1, false), mallory.identity());
        long lamport = 10;
        for (var part : Equivocation.between(one, two, mallory.identity().publicKey()).orElseThrow().proof()) {
            state.apply(alice.next(lamport++, part));
        }
        assertTrue(state.banned(mallory.id()));
        assertFalse(state.banned(alice.id()));
        assertEquals(1, state.leaseEpochs().top());
        assertFalse(state.leaseEpochs().plausible(3));
        assertFalse(state.leaseEpochs().grantedByOtherThan(2, alice.id()));
        assertFalse(state.leaseEpochs().grantedByOtherThan(3, alice.id()), "alice's own lease at 3 is still there");
        assertTrue(state.leaseEpochs().grantedByOtherThan(3, bob.id()));
    }
}
