package io.strategyminer.consensus.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's large mode: runs one simulation per size and prints the figures (makespan against
 * the ideal, leases/s at the coordinator, simulated events/s, messages per peer).
 *
 * <pre>
 * java … io.strategyminer.consensus.sim.SimulatorMain calm|stormy SEED [OPTION …] PEERSxUNITS …
 * e.g. calm 1 8x80 16x160 32x320
 *      calm 1 groups=20 search=1000 1000x100000
 * </pre>
 * Options: {@code groups=G} the peers no fault hits share G ledger copies ({@link SimReplica}; default 0, a copy
 * per peer); {@code search=N} units per search (default 100); {@code faults=C,S,P} crashes, sleeps and partitions
 * instead of the mode's. See the README for what the sizes mean.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        if (args.length < 3 || !(args[0].equals("calm") || args[0].equals("stormy"))) {
            System.err.println("usage: SimulatorMain calm|stormy SEED [groups=G] [search=N] [faults=C,S,P] "
                    + "PEERSxUNITS [PEERSxUNITS …]");
            System.exit(2);
        }
        long seed = Long.parseLong(args[1]);
        int groups = 0;
        int unitsPerSearch = 100;
        int[] faults = null;
        System.out.println("| mode | peers | ledger copies | units | makespan s | ideal s | makespan/ideal | leases "
                + "| leases/s (coordinator) | events appended | sim events/s | messages/peer | wall s | peak old-gen heap MB | invariants |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("groups=")) {
                groups = Integer.parseInt(args[i].substring("groups=".length()));
                continue;
            }
            if (args[i].startsWith("search=")) {
                unitsPerSearch = Integer.parseInt(args[i].substring("search=".length()));
                continue;
            }
            if (args[i].startsWith("faults=")) {
                faults = Arrays.stream(args[i].substring("faults=".length()).split(","))
                        .mapToInt(Integer::parseInt).toArray();
                continue;
            }
            String[] size = args[i].toLowerCase(Locale.ROOT).split("x");
            if (size.length != 2) {
                System.err.println("a size is PEERSxUNITS, got " + args[i]);
                System.exit(2);
            }
            int peers = Integer.parseInt(size[0]);
            int units = Integer.parseInt(size[1]);
            int searches = (units + unitsPerSearch - 1) / unitsPerSearch;
            int perSearch = (units + searches - 1) / searches;
            SimConfig config = (args[0].equals("calm") ? SimConfig.calm(seed, peers, searches, perSearch)
                    : SimConfig.stormy(seed, peers, searches, perSearch)).withReplicaGroups(groups);
            if (faults != null) {
                config = config.withFaults(faults[0], faults[1], faults[2]);
            }
            String label = args[i];
            oldGenerations().forEach(MemoryPoolMXBean::resetPeakUsage);
            SimResult r = Simulation.run(config, line -> System.err.println(label + " " + line));
            long peakHeap = oldGenerations().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf(Locale.ROOT,
                    "| %s | %d | %d | %d | %.1f | %.1f | %.2f | %d | %.0f | %d | %.0f | %.0f | %.1f | %d | %s |%n",
                    args[0], peers, r.ledgerCopies(), config.totalUnits(), r.makespanMillis() / 1000.0,
                    r.idealMillis() / 1000.0, r.makespanOverIdeal(), r.leasesGranted(), r.leasesPerSecond(), r.appendedEvents(),
                    r.simEventsPerSecond(), r.messagesPerPeer(), r.wallNanos() / 1e9, peakHeap >> 20,
                    r.violations().isEmpty() ? "all held" : String.join("; ", r.violations()));
            System.out.flush();
        }
    }

    /** The old-generation heap pools: their peak is about the most the run kept alive at once. */
    private static List<MemoryPoolMXBean> oldGenerations() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")).toList();
    }
}
