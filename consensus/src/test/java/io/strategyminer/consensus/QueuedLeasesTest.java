package io.strategyminer.consensus;

import static io.strategyminer.consensus.TestCluster.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A peer's queue ({@link LeasePolicy#queuedLeases}): beyond its cores it gets as many leases as its queue holds, only
 * while every member of the view could still get a unit, and a queued lease's deadline counts from when it can start
 * (the earliest deadline of the holder's other leases), never further than twice the longest lease.
 */
class QueuedLeasesTest {
    private static final long NOW = 1_700_000_000_000L;
    /** A slot of 50 backtests/s runs a unit of 40 × 25 = 1,000 backtests in 20 s: a lease of 3 × 20 s. */
    private static final long RUN_LEASE = 60_000;
    private static final Coordinator QUEUE_OF_ONE = new Coordinator(LeasePolicy.DEFAULT);


    @Test
    void aPeerGetsItsCoresAndItsQueueAndNothingMoreHoweverMuchItAsks() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 2, 100);
        cluster.append(0, TestCluster.search("s", 20, 1, false));
        MembershipView view = cluster.view(1, 0, 1, 2);

        assertEquals(List.of("WORK s/0", "WORK s/1", "WORK s/2"),
                kinds(cluster.grantAndAppend(QUEUE_OF_ONE, view, 1, 10, NOW)), "2 cores + 1 queued, of 10 asked");
        assertEquals(List.of(), cluster.grantAndAppend(QUEUE_OF_ONE, view, 1, 10, NOW), "cores and queue are full");
        Coordinator queueOfTwo = new Coordinator(new LeasePolicy(3.0, 30_000, 3, 1, 2));
        assertEquals(List.of("WORK s/3"), kinds(cluster.grantAndAppend(queueOfTwo, view, 1, 10, NOW)));
        Coordinator noQueue = new Coordinator(new LeasePolicy(3.0, 30_000, 3, 1, 0));
        assertEquals(List.of("WORK s/4", "WORK s/5"), kinds(cluster.grantAndAppend(noQueue, view, 2, 10, NOW)),
                "without a queue, the cores only");
    }

    @Test
    void aQueuedLeaseIsGrantedOnlyWhileEveryMemberCouldStillGetAUnitAfterTheRequest() {
        // three members; a peer may get 3 leases (2 cores + 1 queued): 6 units leave 3 after them, 5 leave 2
        TestCluster plenty = new TestCluster(List.of("a", "b", "c"), 2, 100);
        plenty.append(0, TestCluster.search("s", 6, 1, false));
        assertEquals(3, plenty.grantAndAppend(QUEUE_OF_ONE, plenty.view(1, 0, 1, 2), 1, 10, NOW).size(),
                "what it may get counts, not what it asked for");

        TestCluster scarce = new TestCluster(List.of("a", "b", "c"), 2, 100);
        scarce.append(0, TestCluster.search("s", 5, 1, false));
        assertEquals(2, scarce.grantAndAppend(QUEUE_OF_ONE, scarce.view(1, 0, 1, 2), 1, 3, NOW).size(),
                "at the end of a search a queued unit would wait while another member idles");
    }

    @Test
    void aQueuedLeaseCountsItsDeadlineFromTheEarliestEndOfTheHoldersLeases() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 2, 100);
        cluster.append(0, TestCluster.search("s", 20, 1, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        List<LeaseGranted> first = cluster.grantAndAppend(QUEUE_OF_ONE, view, 1, 3, NOW);
        assertEquals(List.of(NOW + RUN_LEASE, NOW + RUN_LEASE, NOW + 2 * RUN_LEASE),
                first.stream().map(LeaseGranted::deadlineMillis).toList(), "the queued one starts by the first's end");

        // 30 s on, unit 0 is done: unit 1 runs (deadline NOW + 60 s), unit 2 moves up; the new queued one waits for
        // unit 1 at the latest
        cluster.report(1, "s", 0, "t");
        List<LeaseGranted> refill = cluster.grantAndAppend(QUEUE_OF_ONE, view, 1, 1, NOW + 30_000);
        assertEquals(List.of("WORK s/3"), kinds(refill));
        assertEquals(NOW + RUN_LEASE + RUN_LEASE, refill.get(0).deadlineMillis());
    }

    @Test
    void aVerificationIsQueuedBehindTheRunningUnitToo() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 20, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        List<LeaseGranted> running = cluster.grantAndAppend(QUEUE_OF_ONE, view, 1, 1, NOW);
        assertEquals(List.of("WORK s/0"), kinds(running));
        cluster.report(2, "s", 7, "t");

        List<LeaseGranted> queued = cluster.grantAndAppend(QUEUE_OF_ONE, view, 1, 1, NOW);
        assertEquals(List.of("VERIFY s/7"), kinds(queued), "verifications come first, queued or not");
        // one backtest runs well under the 30 s floor: the floor, counted from the running unit's deadline
        assertEquals(running.get(0).deadlineMillis() + 30_000, queued.get(0).deadlineMillis());
        assertEquals(LeaseKind.VERIFY, queued.get(0).kind());
    }

    @Test
    void aQueuedLeaseNeverReachesFurtherThanTheLongestLeaseAfterTheLongestLease() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 20, 1, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        LeaseGranted granted = cluster.grantAndAppend(QUEUE_OF_ONE, view, 1, 1, NOW).get(0);
        // the coordinator extends it to 1.5 × the longest lease (plausible: within twice the longest)
        long far = NOW + LeasePolicy.MAX_LEASE_MILLIS * 3 / 2;
        cluster.append(0, new LeaseGranted("s", granted.unit(), granted.holder(), granted.epoch(), far,
                LeaseKind.WORK, null));

        LeaseGranted queued = cluster.grantAndAppend(QUEUE_OF_ONE, view, 1, 1, NOW).get(0);
        assertEquals(NOW + LeasePolicy.MAX_LEASE_MILLIS + RUN_LEASE, queued.deadlineMillis(),
                "starts by the longest lease from now at the latest");
    }
}
