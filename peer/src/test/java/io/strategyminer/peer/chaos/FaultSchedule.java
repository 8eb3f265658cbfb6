package io.strategyminer.peer.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A seeded random schedule of faults: the same seed, kinds, rounds and cluster size give the same schedule, which
 * {@code -Dchaos.seed=…} reruns. Targets are named by role (the coordinator at the time, or the k-th other peer by
 * name), so the schedule means the same thing whichever peer the cluster elects.
 */
record FaultSchedule(long seed, List<Fault> faults) {
    enum Kind {
        /** SIGKILL, then a restart on the same data dir. */
        KILL,
        /** SIGSTOP for {@code seconds}, then SIGCONT: a laptop's sleep. */
        SLEEP,
        /** The LAN split into groups ({@code shape}) for {@code seconds}, then healed. */
        PARTITION,
        /** {@code percent} % of the peer's packets dropped for {@code seconds}. */
        LOSS,
        /** Killed, its ledger directory deleted: must refuse to start, then rebuilds with --rebuild-from-peers. */
        LEDGER_DELETED,
        /** Killed, a ledger file overwritten: must refuse to start (or start whole), then rebuilds from the peers. */
        LEDGER_CORRUPT,
        /** The tmpfs of its data dir filled up: must leave the view, come back once the filler is deleted. */
        DISK_FULL
    }

    /**
     * One fault.
     *
     * @param onCoordinator the target is the coordinator at the time; otherwise the {@code pick}-th other peer
     * @param shape         for a partition: group sizes, the first group holding the target ("1|3": the target
     *                      alone; "2|1|1"); else empty
     */
    record Fault(Kind kind, boolean onCoordinator, int pick, String shape, int seconds, int percent) {
        @Override
        public String toString() {
            String target = onCoordinator ? "coordinator" : "member #" + pick;
            return switch (kind) {
                case KILL -> "kill -9 the " + target + ", restart it after " + seconds + " s";
                case SLEEP -> "SIGSTOP the " + target + " for " + seconds + " s";
                case PARTITION -> "partition " + shape + " (the " + target + " in the first group) for " + seconds + " s";
                case LOSS -> percent + " % packet loss at the " + target + " for " + seconds + " s";
                case LEDGER_DELETED -> "kill -9 the " + target + ", delete its ledger, restart";
                case LEDGER_CORRUPT -> "kill -9 the " + target + ", overwrite a block of its " + shape + ", restart";
                case DISK_FULL -> "fill the disk of the " + target + " for " + seconds + " s after it leaves";
            };
        }
    }

    /** Draws {@code rounds} faults among {@code kinds} (in turn when {@code eachOnce} and rounds == kinds). */
    static FaultSchedule draw(long seed, int rounds, List<Kind> kinds, int peers, boolean eachOnce) {
        Random random = new Random(seed);
        List<Kind> order = new ArrayList<>(kinds);
        if (eachOnce) {
            java.util.Collections.shuffle(order, random);
        }
        List<Fault> faults = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Kind kind = eachOnce ? order.get(r % order.size()) : kinds.get(random.nextInt(kinds.size()));
            boolean coordinator = random.nextBoolean();
            int pick = random.nextInt(peers - 1);
            faults.add(switch (kind) {
                case KILL -> new Fault(kind, coordinator, pick, "", 2 + random.nextInt(6), 0);
                // below the 15 s silence timeout a nap goes unnoticed; above it the peer leaves and merges back
                case SLEEP -> new Fault(kind, coordinator, pick, "", random.nextInt(4) == 0 ? 5 : 20 + random.nextInt(10), 0);
                case PARTITION -> new Fault(kind, coordinator, pick, shape(random, peers), 25 + random.nextInt(15), 0);
                case LOSS -> new Fault(kind, coordinator, pick, "", 15 + random.nextInt(10), 10 + 10 * random.nextInt(4));
                case LEDGER_DELETED -> new Fault(kind, coordinator, pick, "", 0, 0);
                case LEDGER_CORRUPT -> new Fault(kind, coordinator, pick, random.nextBoolean() ? "largest table (.sst)"
                        : "write-ahead log (.log)", 0, 0);
                case DISK_FULL -> new Fault(kind, coordinator, pick, "", 5 + random.nextInt(10), 0);
            });
        }
        return new FaultSchedule(seed, faults);
    }

    private static String shape(Random random, int peers) {
        List<String> shapes = peers >= 4 ? List.of("1|3", "2|2", "2|1|1", "1|1|2") : List.of("1|2", "2|1", "1|1|1");
        return shapes.get(random.nextInt(shapes.size()));
    }

    /** The group sizes of a shape ("2|1|1" → [2, 1, 1]). */
    static List<Integer> groups(String shape) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : shape.split("\\|")) {
            sizes.add(Integer.parseInt(part));
        }
        return sizes;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("fault schedule of seed " + seed + " (rerun: -Dchaos.seed=" + seed + "):\n");
        for (int i = 0; i < faults.size(); i++) {
            out.append("  round ").append(i + 1).append(": ").append(faults.get(i)).append('\n');
        }
        return out.toString();
    }

    String oneLine() {
        return faults.stream().map(Fault::toString).collect(Collectors.joining("; "));
    }
}
