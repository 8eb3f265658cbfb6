package io.strategyminer.peer.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Soak mode of the fault harness, never part of CI (its name matches no test pattern, and it runs only when asked):
 * {@code mvn -pl peer -am verify -Dtest=ChaosSoak -Dsurefire.failIfNoSpecifiedTests=false -Dchaos.soak.minutes=60}.
 * Runs random scenarios (a fresh cluster each: 4 peers on multicast, 3 on --seeds, or 3 on tmpfs disks) with random
 * schedules of 4 faults until the time is up, then stops by itself and prints every scenario's seed, the violations
 * and the figures over all rounds. {@code -Dchaos.seed=S} fixes the first scenario's seed (the others follow from it).
 */
class ChaosSoak {
    @Test
    @EnabledIfSystemProperty(named = "chaos.soak.minutes", matches = "\\d+")
    void soak() throws Exception {
        long minutes = Long.parseLong(System.getProperty("chaos.soak.minutes"));
        long end = System.currentTimeMillis() + minutes * 60_000;
        String fixed = System.getProperty("chaos.seed");
        Random seeds = new Random(fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.strip())
                : ThreadLocalRandom.current().nextLong());
        Figures figures = new Figures();
        List<String> report = new ArrayList<>();
        int scenarios = 0;
        while (System.currentTimeMillis() < end) {
            long seed = seeds.nextLong() & Long.MAX_VALUE;
            int kind = (int) (seed % 3);
            String name = List.of("lan", "seeds", "disks").get(kind);
            FaultSchedule schedule = switch (kind) {
                case 0 -> FaultSchedule.draw(seed, 4, List.of(FaultSchedule.Kind.KILL, FaultSchedule.Kind.SLEEP,
                        FaultSchedule.Kind.PARTITION, FaultSchedule.Kind.LOSS), 4, false);
                case 1 -> FaultSchedule.draw(seed, 4, List.of(FaultSchedule.Kind.KILL, FaultSchedule.Kind.SLEEP,
                        FaultSchedule.Kind.PARTITION), 3, false);
                default -> FaultSchedule.draw(seed, 4, List.of(FaultSchedule.Kind.LEDGER_DELETED,
                        FaultSchedule.Kind.LEDGER_CORRUPT, FaultSchedule.Kind.DISK_FULL, FaultSchedule.Kind.KILL), 3, false);
            };
            System.out.println("chaos soak: scenario " + (++scenarios) + " " + name + ", seed " + seed);
            try (ChaosCluster cluster = ChaosCluster.start(kind == 0 ? 4 : 3, kind == 1, kind == 2)) {
                ChaosRun run = new ChaosRun(cluster, schedule, ChaosTest.SIZE);
                run.run();
                figures.addAll(run.figures());
                report.add(name + " seed " + seed + ": " + (run.violations().isEmpty() ? "ok"
                        : run.violations().size() + " violation(s)"));
                run.violations().forEach(v -> report.add("    " + v));
                if (!run.violations().isEmpty()) {
                    cluster.keepLogs(Path.of("target", "chaos", "soak-" + name + "-" + seed));
                }
            }
            System.out.println("chaos soak: figures so far\n" + figures.table());
        }
        System.out.println("chaos soak: " + scenarios + " scenarios in " + minutes + " min\n" + String.join("\n", report)
                + "\nfigures over all rounds:\n" + figures.table());
        assertTrue(report.stream().noneMatch(l -> l.contains("violation")), String.join("\n", report));
    }
}
