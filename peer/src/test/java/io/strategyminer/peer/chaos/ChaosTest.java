package io.strategyminer.peer.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fault harness's CI subset (root; see peer/docs/chaos.md): real {@code peer start} processes in network
 * namespaces on one bridge, a seeded random fault schedule per scenario (the seed is printed; {@code -Dchaos.seed=S}
 * reruns that schedule), the invariants checked on the peers' own HTTP APIs and on their ledgers once stopped, the
 * figures printed at the end.
 */
class ChaosTest {
    /** Units of 40 × 300 on the bundled week: several seconds each on one core, so faults strike mid-unit. */
    static final ChaosRun.SearchSize SIZE = new ChaosRun.SearchSize(40, 300, 4);
    private static final Figures ALL = new Figures();

    private ChaosCluster cluster;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterAll
    static void printFigures() {
        System.out.println("chaos: figures of this run\n" + ALL.table());
    }

    static long seed(String scenario) {
        String fixed = System.getProperty("chaos.seed");
        long seed = fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.strip())
                : ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        System.out.println("chaos: scenario " + scenario + ", seed " + seed + " (rerun: mvn -pl peer verify"
                + " -Dtest=ChaosTest#" + scenario + " -Dchaos.seed=" + seed + ")");
        return seed;
    }

    /** Four peers finding each other by multicast: kills, sleeps, partitions of any shape, packet loss. */
    @Test
    void lan() throws Exception {
        long seed = seed("lan");
        FaultSchedule schedule = FaultSchedule.draw(seed, 3, List.of(FaultSchedule.Kind.KILL, FaultSchedule.Kind.SLEEP,
                FaultSchedule.Kind.PARTITION, FaultSchedule.Kind.LOSS), 4, false);
        cluster = ChaosCluster.start(4, false, false);
        run("lan", seed, schedule);
    }

    /** Three peers joined by --seeds (TCP, as over a VPN): kills, sleeps, partitions. */
    @Test
    void seeds() throws Exception {
        long seed = seed("seeds");
        FaultSchedule schedule = FaultSchedule.draw(seed, 2, List.of(FaultSchedule.Kind.KILL, FaultSchedule.Kind.SLEEP,
                FaultSchedule.Kind.PARTITION), 3, false);
        cluster = ChaosCluster.start(3, true, false);
        run("seeds", seed, schedule);
    }

    /** Three peers with their data dirs on small tmpfs mounts: a deleted ledger, a corrupt one, a full disk. */
    @Test
    void disks() throws Exception {
        long seed = seed("disks");
        FaultSchedule schedule = FaultSchedule.draw(seed, 3, List.of(FaultSchedule.Kind.LEDGER_DELETED,
                FaultSchedule.Kind.LEDGER_CORRUPT, FaultSchedule.Kind.DISK_FULL), 3, true);
        cluster = ChaosCluster.start(3, false, true);
        run("disks", seed, schedule);
    }

    private void run(String scenario, long seed, FaultSchedule schedule) throws Exception {
        ChaosRun run = new ChaosRun(cluster, schedule, SIZE);
        try {
            run.run();
        } finally {
            ALL.addAll(run.figures());
            System.out.println("chaos: figures of " + scenario + " (seed " + seed + ")\n" + run.figures().table());
            if (!run.violations().isEmpty()) {
                cluster.keepLogs(Path.of("target", "chaos", scenario + "-" + seed));
            }
        }
        assertTrue(run.violations().isEmpty(), "scenario " + scenario + ", seed " + seed + " (rerun with -Dchaos.seed="
                + seed + "; logs in target/chaos/" + scenario + "-" + seed + "), schedule: " + schedule.oneLine()
                + "\n" + run.violations().size() + " violation(s):\n" + run.violations().stream()
                .map(v -> "  " + v).collect(Collectors.joining("\n")));
    }
}
