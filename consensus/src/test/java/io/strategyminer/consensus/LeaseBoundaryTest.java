package io.strategyminer.consensus;

import static io.strategyminer.consensus.TestCluster.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.StrategyId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's decisions exactly at their bounds: a lease holds up to and including its deadline and lapses a
 * millisecond after; a request is filled up to its free slots and no further; a unit gets no more speculative copies
 * than the policy allows.
 */
class LeaseBoundaryTest {
    private static final long NOW = 1_700_000_000_000L;
    /** 30 s floor, 3 extra verifications, no speculative copies: only work and verifications are granted. */
    private static final Coordinator NO_COPIES = new Coordinator(new LeasePolicy(3.0, 30_000, 3, 0, 0));


    @Test
    void aWorkLeaseHoldsItsUnitUpToItsDeadlineAndLapsesOneMillisecondAfter() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        long deadline = cluster.grantAndAppend(NO_COPIES, view, 1, 1, NOW).get(0).deadlineMillis();

        assertEquals(List.of(), cluster.read(s -> NO_COPIES.grant(s, view, cluster.id(2), 1, deadline)),
                "at its deadline the lease still holds");
        assertEquals(List.of(), cluster.read(s -> NO_COPIES.renewals(s, view, deadline)));
        assertEquals(List.of("WORK s/0"), kinds(cluster.read(s -> NO_COPIES.grant(s, view, cluster.id(2), 1,
                deadline + 1))), "a millisecond later, without progress, it lapses");
        WorkBook late = cluster.read(s -> WorkBook.of(s, view, deadline + 1, NO_COPIES.policy()));
        assertEquals(List.of(), late.assignments(cluster.id(1)));
    }

    @Test
    void aProgressingHolderIsRenewedOnlyOnceItsDeadlineHasPassed() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        long deadline = cluster.grantAndAppend(NO_COPIES, view, 1, 1, NOW).get(0).deadlineMillis();
        cluster.checkpoint(1, "s", 0, 3);

        assertEquals(List.of(), cluster.read(s -> NO_COPIES.renewals(s, view, deadline)), "not late yet");
        List<LeaseGranted> renewed = cluster.read(s -> NO_COPIES.renewals(s, view, deadline + 1));
        assertEquals(1, renewed.size());
        assertEquals(cluster.id(1), renewed.get(0).holder());
        assertEquals(LeaseKind.WORK, renewed.get(0).kind());
        // 22 generations left of 25: 880 backtests at 50/s = 17.6 s, ×3 = 52.8 s from the tick
        assertEquals(deadline + 1 + 52_800, renewed.get(0).deadlineMillis());
        assertEquals(List.of(), cluster.read(s -> NO_COPIES.grant(s, view, cluster.id(2), 1, deadline + 1)),
                "a progressing holder keeps its unit");
    }

    @Test
    void aVerificationLeaseIsOutstandingUpToItsDeadlineThenAnotherVerifierIsAsked() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2, 3);
        cluster.grantAndAppend(NO_COPIES, view, 1, 1, NOW);
        StrategyId strategy = cluster.report(1, "s", 0, "trades");
        LeaseGranted verify = cluster.grantAndAppend(NO_COPIES, view, 2, 1, NOW).get(0);
        assertEquals(LeaseKind.VERIFY, verify.kind());
        long deadline = verify.deadlineMillis();

        assertEquals(List.of(), cluster.read(s -> NO_COPIES.grant(s, view, cluster.id(3), 1, deadline)),
                "one vote is missing and one verification is running: nothing more is wanted");
        WorkBook atDeadline = cluster.read(s -> WorkBook.of(s, view, deadline, NO_COPIES.policy()));
        assertEquals(List.of(verify), atDeadline.assignments(cluster.id(2)).stream().map(l -> l.lease()).toList());

        List<LeaseGranted> after = cluster.read(s -> NO_COPIES.grant(s, view, cluster.id(3), 1, deadline + 1));
        assertEquals(List.of("VERIFY s/0"), kinds(after), "the verifier missed its deadline: ask another");
        assertEquals(strategy, after.get(0).target());
        WorkBook late = cluster.read(s -> WorkBook.of(s, view, deadline + 1, NO_COPIES.policy()));
        assertEquals(List.of(), late.assignments(cluster.id(2)));
    }

    @Test
    void verificationsFillTheFreeSlotsExactlyBeforeAnyWork() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 4, 50);
        cluster.append(0, TestCluster.search("s", 4, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        assertEquals(3, cluster.grantAndAppend(NO_COPIES, view, 1, 3, NOW).size());
        for (int unit = 0; unit < 3; unit++) {
            cluster.report(1, "s", unit, "t" + unit);
        }
        assertEquals(List.of("VERIFY s/0", "VERIFY s/1"), kinds(cluster.grantAndAppend(NO_COPIES, view, 2, 2, NOW)),
                "two free slots, three strategies to verify");
        assertEquals(List.of("VERIFY s/2", "WORK s/3"), kinds(cluster.grantAndAppend(NO_COPIES, view, 2, 2, NOW)));
        assertEquals(List.of(), cluster.grantAndAppend(NO_COPIES, view, 2, 1, NOW), "four cores, four leases held");
    }

    @Test
    void aRequestForNoSlotGetsNothing() {
        TestCluster cluster = new TestCluster(List.of("a", "b"), 2, 50);
        cluster.append(0, TestCluster.search("s", 2, 1, false));
        MembershipView view = cluster.view(1, 0, 1);
        assertEquals(List.of(), cluster.read(s -> new Coordinator(LeasePolicy.DEFAULT).grant(s, view, cluster.id(1), 0,
                NOW)));
    }

    @Test
    void aMemberOfTheViewThatNeverAnnouncedItselfGetsNothing() {
        TestCluster cluster = new TestCluster(List.of("a", "b"), 2, 50);
        cluster.append(0, TestCluster.search("s", 2, 1, false));
        TestCluster strangers = new TestCluster(List.of("z"), 2, 50); // announced only on its own ledger
        MembershipView view = new MembershipView(1, List.of(cluster.members.get(0), strangers.members.get(0)));
        assertEquals(List.of(), cluster.read(s -> NO_COPIES.grant(s, view, strangers.id(0), 2, NOW)));
        assertEquals(2, cluster.read(s -> NO_COPIES.grant(s, view, cluster.id(0), 2, NOW)).size());
    }

    @Test
    void aUnitGetsAsManySpeculativeCopiesAsThePolicyAllowsAndNoMore() {
        for (int copies = 1; copies <= 2; copies++) {
            Coordinator coordinator = new Coordinator(new LeasePolicy(3.0, 30_000, 3, copies, 0));
            TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 1, 50);
            cluster.append(0, TestCluster.search("s", 1, 2, false));
            MembershipView view = cluster.view(1, 0, 1, 2, 3);
            assertEquals(List.of("WORK s/0"), kinds(cluster.grantAndAppend(coordinator, view, 1, 1, NOW)));
            assertEquals(List.of("SPECULATIVE s/0"), kinds(cluster.grantAndAppend(coordinator, view, 2, 1, NOW)));
            List<LeaseGranted> third = cluster.grantAndAppend(coordinator, view, 3, 1, NOW);
            assertEquals(copies == 1 ? List.of() : List.of("SPECULATIVE s/0"), kinds(third), copies + " allowed");
        }
    }

    @Test
    void theSlowestRunningUnitIsCopiedFirst() {
        Coordinator coordinator = new Coordinator(new LeasePolicy(3.0, 30_000, 3, 1, 0));
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 1, 50);
        cluster.append(0, TestCluster.search("s", 2, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2, 3);
        cluster.grantAndAppend(coordinator, view, 1, 1, NOW);           // unit 0, due first
        cluster.grantAndAppend(coordinator, view, 2, 1, NOW + 5_000);   // unit 1, granted later: due last
        assertEquals(List.of("SPECULATIVE s/1"), kinds(cluster.grantAndAppend(coordinator, view, 3, 1, NOW + 5_000)));
        assertEquals(List.of("SPECULATIVE s/0"), kinds(cluster.grantAndAppend(coordinator, view, 0, 1, NOW + 5_000)),
                "then the other one, to another peer");
        assertTrue(cluster.grantAndAppend(coordinator, view, 0, 1, NOW + 5_000).isEmpty(), "one core each");
    }
}
