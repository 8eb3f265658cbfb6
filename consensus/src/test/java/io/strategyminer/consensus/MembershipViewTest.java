package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipViewTest {
    private static final Member A = new Member(new PeerId("a".repeat(32)), MachineId.fromSystemId("m1"));
    private static final Member B = new Member(new PeerId("b".repeat(32)), MachineId.fromSystemId("m2"));

    @Test
    void theOldestMemberCoordinates() {
        MembershipView view = new MembershipView(7, List.of(B, A));
        assertEquals(B, view.coordinator());
        assertTrue(view.isCoordinator(B.peer()));
        assertFalse(view.isCoordinator(A.peer()));
        assertTrue(view.contains(A.peer()));
        assertFalse(new MembershipView(8, List.of(B)).contains(A.peer()));
    }

    @Test
    void badViewsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MembershipView(1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MembershipView(-1, List.of(A)));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new MembershipView(3, List.of(A, B, A)));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    @Test
    void policyRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(0.5, 1000, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(2, 0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(2, 1000, -1, 1, 0));
        assertEquals(4, LeasePolicy.DEFAULT.maxVerifications(2));
    }
}
