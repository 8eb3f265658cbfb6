package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.StrategyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A work book built with a memo of earlier analyses is exactly the one built from scratch. */
class WorkBookMemoTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final LeasePolicy POLICY = new LeasePolicy(3.0, 5_000, 3, 1);

    @Test
    void aMemoizedWorkBookEqualsAFreshOneThroughLeasesReportsViewsAndDeadlines() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d", "e"), 2, 4);
        cluster.append(0, TestCluster.search("s", 12, 2, false));
        Coordinator coordinator = new Coordinator(POLICY);
        WorkBook.Memo memo = new WorkBook.Memo();
        Random random = new Random(7);
        List<StrategyId> reports = new ArrayList<>();
        MembershipView view = cluster.view(1, 0, 1, 2, 3, 4);
        long now = NOW;
        for (int step = 0; step < 300; step++) {
            long at = now;
            MembershipView current = view;
            WorkBook fresh = cluster.read(s -> WorkBook.of(s, current, at, POLICY));
            WorkBook memoized = cluster.read(s -> WorkBook.of(s, current, at, POLICY, memo));
            assertEquals(fresh.searches(), memoized.searches(), "step " + step);
            int peer = random.nextInt(5);
            switch (random.nextInt(6)) {
                case 0 -> cluster.grantAndAppend(coordinator, view, peer, 1 + random.nextInt(2), now);
                case 1 -> {
                    List<LeaseGranted> held = fresh.assignments(cluster.id(peer)).stream()
                            .map(l -> l.lease()).filter(l -> l.kind() != LeaseKind.VERIFY).toList();
                    if (!held.isEmpty()) {
                        LeaseGranted lease = held.get(0);
                        if (random.nextBoolean()) {
                            cluster.checkpoint(peer, lease.searchId(), lease.unit(), 1 + random.nextInt(20));
                        } else {
                            reports.add(cluster.report(peer, lease.searchId(), lease.unit(),
                                    random.nextInt(4) == 0 ? "lie" : "d" + lease.unit()));
                        }
                    }
                }
                case 2 -> {
                    if (!reports.isEmpty()) {
                        StrategyId target = reports.get(random.nextInt(reports.size()));
                        int unit = cluster.read(s -> s.strategy(target)).orElseThrow().report().unit();
                        cluster.verify(peer, target, random.nextBoolean() ? "d" + unit : "other");
                    }
                }
                case 3 -> now += random.nextInt(4_000); // deadlines pass
                case 4 -> view = random.nextBoolean() ? cluster.view(view.id() + 1, 0, 1, 2, 3, 4)
                        : cluster.view(view.id() + 1, 0, 2, 4);
                default -> cluster.tickRenewals(coordinator, view, now);
            }
        }
        long at = now;
        MembershipView last = view;
        WorkBook first = cluster.read(s -> WorkBook.of(s, last, at, POLICY, memo));
        WorkBook again = cluster.read(s -> WorkBook.of(s, last, at, POLICY, memo));
        for (int i = 0; i < first.searches().size(); i++) {
            for (int u = 0; u < first.searches().get(i).units().size(); u++) {
                assertSame(first.searches().get(i).units().get(u), again.searches().get(i).units().get(u),
                        "nothing changed: every analysis is reused");
            }
        }
    }
}
