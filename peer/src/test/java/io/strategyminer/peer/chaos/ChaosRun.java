package io.strategyminer.peer.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.backtest.Objective;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.peer.runtime.RuntimeTestSupport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a {@link FaultSchedule} on a {@link ChaosCluster}: each round submits a search, waits until its units run,
 * injects the round's fault, measures what the cluster does (from the peers' APIs and event streams, on this JVM's
 * clock), restores and goes on. At the end every search must finish and converge; then the invariants are checked
 * on the peers' answers and, once they are stopped, on their ledgers. Violations are collected, never thrown, so a
 * run reports all of them.
 */
final class ChaosRun {
    /** The size of each round's search: long enough to be running when its fault strikes. */
    record SearchSize(int population, int generations, int units) {
    }

    private final ChaosCluster cluster;
    private final FaultSchedule schedule;
    private final SearchSize size;
    private final Figures figures = new Figures();
    private final List<InvariantChecker.Violation> violations = new ArrayList<>();
    private final List<SearchSubmitted> acknowledged = new ArrayList<>();
    private final Random random;
    private static final Map<String, List<String>> ONE_MACHINE = new HashMap<>();

    ChaosRun(ChaosCluster cluster, FaultSchedule schedule, SearchSize size) {
        this.cluster = cluster;
        this.schedule = schedule;
        this.size = size;
        this.random = new Random(schedule.seed() ^ 0x5DEECE66DL);
    }

    Figures figures() {
        return figures;
    }

    List<InvariantChecker.Violation> violations() {
        return violations;
    }

    /** Every round, then the final checks; the cluster's peers are stopped when it returns. */
    void run() throws Exception {
        System.out.print(schedule);
        List<FaultSchedule.Fault> faults = schedule.faults();
        for (int r = 0; r < faults.size(); r++) {
            long start = System.currentTimeMillis();
            cluster.events.forgetBefore(start - 10_000);
            FaultSchedule.Fault fault = faults.get(r);
            String search = submitRound();
            awaitRunning(search);
            System.out.println("chaos: round " + (r + 1) + " [" + fault + "] on search " + search);
            try {
                apply(r + 1, fault, search);
            } catch (AssertionError | RuntimeException e) {
                violation("round", "round " + (r + 1) + " (" + fault + "): " + e.getMessage());
                restoreAll();
            }
            System.out.printf("chaos: round %d done in %.1f s%n", r + 1, (System.currentTimeMillis() - start) / 1000.0);
        }
        finish();
    }

    private String submitRound() throws IOException, InterruptedException {
        long seed = random.nextLong() & Long.MAX_VALUE;
        ChaosPeer via = cluster.live().get(random.nextInt(cluster.live().size()));
        String body = "{\"dataset\": \"bundled-btcusd-5m\", \"population\": " + size.population() + ", \"generations\": "
                + size.generations() + ", \"workUnits\": " + size.units() + ", \"quorum\": 2, \"minTrades\": 1,"
                + " \"objective\": \"calmar\", \"allowSameMachine\": false, \"seed\": " + seed + "}";
        String id = cluster.submit(via, body);
        acknowledged.add(new SearchSubmitted(id, SearchSpec.builder().dataset(BundledDatasets.btcUsd5m().id())
                .population(size.population()).generations(size.generations()).objective(Objective.CALMAR).minTrades(1)
                .workUnits(size.units()).quorum(2).seed(seed).allowSameMachine(false).build()));
        return id;
    }

    /** Waits until a unit of the search reports progress, so that the fault strikes mid-unit. */
    private void awaitRunning(String search) {
        long since = System.currentTimeMillis();
        if (!ChaosCluster.awaitQuietly(Duration.ofSeconds(60), () -> !cluster.events.since(since, s -> s.type()
                .equals("unit_progress") && unitsOf(s).stream().anyMatch(u -> u.path("searchId").asText().equals(search)
                && u.path("generation").asInt() > 0)).isEmpty())) {
            violation("search-runs", "no unit of " + search + " reported progress within 60 s of its submission");
        }
    }

    private static List<JsonNode> unitsOf(ChaosEvents.Seen seen) {
        List<JsonNode> units = new ArrayList<>();
        seen.data().path("units").forEach(units::add);
        return units;
    }

    private void apply(int round, FaultSchedule.Fault fault, String search) throws Exception {
        ChaosPeer coordinator = cluster.coordinator().orElseThrow(() -> new AssertionError("no coordinator"));
        ChaosPeer target = fault.onCoordinator() ? coordinator : others(coordinator).get(fault.pick()
                % others(coordinator).size());
        List<ChaosPeer> survivors = cluster.peers.stream().filter(p -> p != target).toList();
        System.out.println("chaos: round " + round + ": target " + target + ", coordinator " + coordinator);
        switch (fault.kind()) {
            case KILL -> {
                long t0 = System.currentTimeMillis();
                Map<String, Integer> held = heldGenerations(target, t0);
                target.kill9();
                measureDeparture(round, List.of(target), survivors, t0, target == coordinator, search, held);
                ChaosCluster.pause(Duration.ofSeconds(fault.seconds())); // the schedule's downtime
                long t1 = System.currentTimeMillis();
                target.start(false);
                cluster.awaitServing(target, Duration.ofSeconds(90));
                measureCatchUp(round, target, t1, Figures.RESTART, Duration.ofSeconds(120));
            }
            case SLEEP -> {
                long t0 = System.currentTimeMillis();
                Map<String, Integer> held = heldGenerations(target, t0);
                target.sleep();
                long wakeAt = t0 + fault.seconds() * 1000L;
                boolean left = ChaosCluster.awaitQuietly(Duration.ofMillis(Math.max(0, wakeAt - System.currentTimeMillis())),
                        () -> survivors.stream().allMatch(p -> cluster.view(p).map(v -> !v.contains(target.id())).orElse(false)));
                if (left) {
                    long detected = System.currentTimeMillis();
                    figures.add(Figures.DETECTION, (detected - t0) / 1000.0);
                    System.out.printf("chaos: round %d: %s left every survivor's view after %.1f s asleep%n", round,
                            target, (detected - t0) / 1000.0);
                    if (target == coordinator) {
                        measureFirstLease(round, survivors, t0);
                    }
                    measureWorkLost(round, search, held, survivors);
                }
                ChaosCluster.pause(Duration.ofMillis(Math.max(0, wakeAt - System.currentTimeMillis())));
                long t1 = System.currentTimeMillis();
                target.wake();
                measureCatchUp(round, target, t1, Figures.WAKE, Duration.ofSeconds(120));
            }
            case PARTITION -> {
                List<List<ChaosPeer>> groups = groups(fault.shape(), target, coordinator);
                List<List<Integer>> indices = groups.stream().map(g -> g.stream().map(p -> p.index).toList()).toList();
                System.out.println("chaos: round " + round + ": groups " + groups);
                long t0 = System.currentTimeMillis();
                cluster.network.partition(indices);
                boolean split = ChaosCluster.awaitQuietly(Duration.ofSeconds(fault.seconds()), () -> groups.stream()
                        .allMatch(g -> g.stream().allMatch(p -> cluster.view(p).map(v -> v.equals(ids(g))).orElse(false))));
                if (split) {
                    figures.add(Figures.DETECTION, (System.currentTimeMillis() - t0) / 1000.0);
                    List<ChaosPeer> withoutOld = groups.stream().filter(g -> !g.contains(coordinator))
                            .max(Comparator.comparingInt(List::size)).orElseThrow();
                    measureFirstLease(round, withoutOld, t0);
                } else {
                    System.out.println("chaos: round " + round + ": the views did not split within " + fault.seconds() + " s");
                }
                ChaosCluster.pause(Duration.ofMillis(Math.max(0, t0 + fault.seconds() * 1000L - System.currentTimeMillis())));
                long t1 = System.currentTimeMillis();
                cluster.network.heal();
                measureConverged(round, t1, Figures.HEAL);
                // the merged view's coordinator comes from the largest side, never from a peer that was cut off alone
                cluster.coordinator().filter(c -> groups.get(0).size() == 1 && c == target
                        && groups.stream().anyMatch(g -> g.size() > 1)).ifPresent(c -> violation("merged coordinator",
                        "round " + round + ": the peer that was alone, " + c + ", coordinates the merged view"));
            }
            case LOSS -> {
                if (!cluster.network.hasNftables()) {
                    System.out.println("chaos: round " + round + ": SKIPPED packet loss: nft does not run here"
                            + " (install Debian's nftables: peer/src/test/setup/nftables.sh)");
                    return;
                }
                cluster.network.loss(target.index, fault.percent());
                long t0 = System.currentTimeMillis();
                ChaosCluster.pause(Duration.ofSeconds(fault.seconds())); // the schedule's duration of the loss
                cluster.network.clearLoss(target.index);
                long t1 = System.currentTimeMillis();
                System.out.printf("chaos: round %d: %d %% loss for %.1f s%n", round, fault.percent(), (t1 - t0) / 1000.0);
                measureConverged(round, t1, Figures.LOSS_HEAL);
            }
            case LEDGER_DELETED, LEDGER_CORRUPT -> ledgerFault(round, fault, target, survivors, coordinator, search);
            case DISK_FULL -> {
                Path filler = cluster.fillDisk(target);
                long t0 = System.currentTimeMillis();
                if (ChaosCluster.awaitQuietly(Duration.ofSeconds(45), () -> survivors.stream().allMatch(
                        p -> cluster.view(p).map(v -> !v.contains(target.id())).orElse(false)))) {
                    figures.add(Figures.DISK_DETECTION, (System.currentTimeMillis() - t0) / 1000.0);
                } else {
                    violation("full-disk-leaves", "round " + round + ": " + target + " with a full disk is still in a"
                            + " survivor's view 45 s later");
                }
                Optional<JsonNode> health = cluster.get(target, "/api/status").map(s -> s.path("health"));
                if (health.isEmpty() || health.get().path("ok").asBoolean()) {
                    violation("full-disk-reported", "round " + round + ": " + target + " with a full disk reports "
                            + health.map(JsonNode::toString).orElse("nothing (no answer)"));
                } else {
                    System.out.println("chaos: round " + round + ": " + target + " reports " + health.get());
                }
                ChaosCluster.pause(Duration.ofSeconds(fault.seconds())); // the schedule's time on a full disk
                Files.delete(filler);
                measureCatchUp(round, target, System.currentTimeMillis(), Figures.DISK_FREED, Duration.ofSeconds(150));
            }
        }
    }

    private void ledgerFault(int round, FaultSchedule.Fault fault, ChaosPeer target, List<ChaosPeer> survivors,
                             ChaosPeer coordinator, String search) throws Exception {
        long eventsBefore = cluster.get(target, "/api/status").map(s -> s.path("ledger").path("events").asLong()).orElse(-1L);
        long t0 = System.currentTimeMillis();
        Map<String, Integer> held = heldGenerations(target, t0);
        target.kill9();
        measureDeparture(round, List.of(target), survivors, t0, target == coordinator, search, held);
        Path ledger = target.dataDir.resolve("ledger");
        String damage;
        if (fault.kind() == FaultSchedule.Kind.LEDGER_DELETED) {
            RuntimeTestSupport.deleteTree(ledger);
            damage = "deleted ledger";
        } else {
            damage = corrupt(ledger, fault.shape().contains(".sst"));
        }
        System.out.println("chaos: round " + round + ": " + target + " killed holding " + eventsBefore + " events; " + damage);
        target.start(false);
        // refused: it exits by itself; or it serves: then it must hold everything it held before
        long startedAt = System.currentTimeMillis();
        Optional<Long> served = Optional.empty();
        Optional<Integer> exit = Optional.empty();
        while (System.currentTimeMillis() - startedAt < 90_000 && exit.isEmpty() && served.isEmpty()) {
            exit = target.exitWithin(0);
            served = cluster.get(target, "/api/status").map(s -> s.path("ledger").path("events").asLong());
            if (exit.isEmpty() && served.isEmpty()) {
                ChaosCluster.pause(Duration.ofMillis(50));
            }
        }
        String printed = ChaosCluster.tail(target.printed(), 1500);
        if (served.isPresent()) {
            if (served.get() < eventsBefore) {
                violation("no-truncated-ledger", "round " + round + ": " + target + " started on its " + damage
                        + " without --rebuild-from-peers and serves " + served.get() + " events, fewer than the "
                        + eventsBefore + " it held");
            } else {
                System.out.println("chaos: round " + round + ": " + target + " started on its " + damage + " whole ("
                        + served.get() + " events)");
            }
            measureCatchUp(round, target, startedAt, Figures.EMPTY_DISK, Duration.ofSeconds(150));
            return;
        }
        if (exit.isEmpty()) {
            violation("refuses-or-serves", "round " + round + ": " + target + " neither refused nor served within 90 s");
            target.kill9();
        } else if (exit.get() == 0 || !printed.contains("--rebuild-from-peers")) {
            violation("refuses-clearly", "round " + round + ": " + target + " on its " + damage + " exited " + exit.get()
                    + " without naming --rebuild-from-peers:\n" + printed);
        } else {
            String line = printed.lines().filter(l -> l.contains("--rebuild-from-peers")).findFirst().orElse("");
            System.out.println("chaos: round " + round + ": refused as it should (exit " + exit.get() + "): "
                    + ChaosCluster.tail(line.strip(), 300));
        }
        long t1 = System.currentTimeMillis();
        target.start(true);
        cluster.awaitServing(target, Duration.ofSeconds(180));
        measureCatchUp(round, target, t1, Figures.EMPTY_DISK, Duration.ofSeconds(150));
    }

    /** Overwrites 4 KiB in the middle of the largest table (or the write-ahead log); says which file. */
    private static String corrupt(Path ledger, boolean preferTable) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(ledger)) {
            files = list.filter(Files::isRegularFile).toList();
        }
        Optional<Path> table = files.stream().filter(f -> f.toString().endsWith(".sst"))
                .max(Comparator.comparingLong(f -> f.toFile().length()));
        Optional<Path> log = files.stream().filter(f -> f.toString().endsWith(".log"))
                .max(Comparator.comparingLong(f -> f.toFile().length()));
        Path victim = preferTable ? table.or(() -> log).orElseThrow() : log.filter(f -> f.toFile().length() > 8192)
                .or(() -> table).orElseThrow();
        long length = Files.size(victim);
        byte[] garbage = new byte[(int) Math.min(4096, Math.max(1, length / 4))];
        new Random(length).nextBytes(garbage);
        try (FileChannel channel = FileChannel.open(victim, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(garbage), length / 2);
        }
        return "overwrote " + garbage.length + " bytes in the middle of " + victim.getFileName() + " (" + length
                + " bytes)";
    }

    /** The survivors drop the departed from their views; the new coordinator's first lease; work lost. */
    private void measureDeparture(int round, List<ChaosPeer> gone, List<ChaosPeer> survivors, long t0,
                                  boolean coordinatorGone, String search, Map<String, Integer> held) {
        Set<String> goneIds = gone.stream().map(ChaosPeer::id).collect(Collectors.toSet());
        if (ChaosCluster.awaitQuietly(Duration.ofSeconds(40), () -> survivors.stream().allMatch(
                p -> cluster.view(p).map(v -> v.stream().noneMatch(goneIds::contains) && !v.isEmpty()).orElse(false)))) {
            double s = (System.currentTimeMillis() - t0) / 1000.0;
            figures.add(Figures.DETECTION, s);
            System.out.printf("chaos: round %d: %s out of every survivor's view after %.1f s%n", round, gone, s);
        } else {
            violation("detection", "round " + round + ": " + gone + " still in a survivor's view 40 s after the fault");
            return;
        }
        if (coordinatorGone) {
            measureFirstLease(round, survivors, t0);
        }
        measureWorkLost(round, search, held, survivors);
    }

    /** The first lease granted by the coordinator of {@code side} after {@code t0} (if it grants one within 30 s). */
    private void measureFirstLease(int round, List<ChaosPeer> side, long t0) {
        Optional<ChaosPeer> next = side.stream().map(p -> cluster.get(p, "/api/status"))
                .flatMap(Optional::stream).map(s -> s.path("coordinator").asText(null)).filter(c -> c != null)
                .findFirst().map(cluster::byId);
        if (next.isEmpty()) {
            return;
        }
        String id = next.get().id();
        List<ChaosEvents.Seen> leases = new ArrayList<>();
        boolean granted = ChaosCluster.awaitQuietly(Duration.ofSeconds(30), () -> {
            leases.clear();
            leases.addAll(cluster.events.since(t0, s -> s.type().equals("lease_granted") && s.peer().equals(next.get().name)
                    && s.data().path("origin").asText().equals(id)));
            return !leases.isEmpty();
        });
        if (granted) {
            double s = (leases.get(0).millis() - t0) / 1000.0;
            figures.add(Figures.FIRST_LEASE, s);
            System.out.printf("chaos: round %d: new coordinator %s granted its first lease %.1f s after the fault%n",
                    round, next.get(), s);
        } else {
            System.out.println("chaos: round " + round + ": " + next.get() + " granted no lease within 30 s (nothing to lease)");
        }
    }

    /** For each unit the target was running at {@code t0}: the last generation it reported (progress, every 2 s). */
    private Map<String, Integer> heldGenerations(ChaosPeer target, long t0) {
        Map<String, Integer> held = new HashMap<>();
        for (ChaosEvents.Seen seen : cluster.events.since(t0 - 5_000, s -> s.type().equals("unit_progress"))) {
            for (JsonNode unit : unitsOf(seen)) {
                if (unit.path("peer").asText().equals(target.id())) {
                    held.merge(unit.path("searchId").asText() + "/" + unit.path("unit").asInt(),
                            unit.path("generation").asInt(), Math::max);
                }
            }
        }
        return held;
    }

    /**
     * Work lost: for each unit the departed peer was running, the generations it had reached beyond the latest
     * checkpoint the others hold (where the unit's next holder resumes). A lower bound: progress comes every 2 s.
     */
    private void measureWorkLost(int round, String search, Map<String, Integer> held, List<ChaosPeer> survivors) {
        for (Map.Entry<String, Integer> unit : held.entrySet()) {
            String[] key = unit.getKey().split("/");
            Optional<JsonNode> detail = survivors.stream().filter(p -> p.isRunning() && !p.isStopped())
                    .map(p -> cluster.get(p, "/api/searches/" + key[0])).flatMap(Optional::stream).findFirst();
            if (detail.isEmpty()) {
                continue;
            }
            for (JsonNode u : detail.get().path("units")) {
                if (u.path("unit").asInt() == Integer.parseInt(key[1]) && !u.path("status").asText().equals("DONE")) {
                    long checkpoint = u.path("generation").isNumber() ? u.path("generation").asLong() : 0;
                    long lost = Math.max(0, unit.getValue() - checkpoint);
                    figures.add(Figures.WORK_LOST, lost);
                    System.out.println("chaos: round " + round + ": unit " + unit.getKey() + " was at generation "
                            + unit.getValue() + ", latest checkpoint " + checkpoint + ": " + lost + " generations lost");
                }
            }
        }
    }

    /** Time from {@code t1} until the peer is in every view and holds what the others hold. */
    private void measureCatchUp(int round, ChaosPeer target, long t1, String figure, Duration timeout) {
        if (ChaosCluster.awaitQuietly(timeout, cluster::converged)) {
            double s = (System.currentTimeMillis() - t1) / 1000.0;
            figures.add(figure, s);
            System.out.printf("chaos: round %d: %s caught up %.1f s after %s%n", round, target, s, figure);
        } else {
            violation("catches-up", "round " + round + ": " + target + " did not catch up within " + timeout.toSeconds()
                    + " s (" + figure + ")");
            restoreAll();
        }
    }

    private void measureConverged(int round, long t1, String figure) {
        if (ChaosCluster.awaitQuietly(Duration.ofSeconds(150), cluster::converged)) {
            double s = (System.currentTimeMillis() - t1) / 1000.0;
            figures.add(figure, s);
            System.out.printf("chaos: round %d: converged %.1f s after the heal%n", round, s);
        } else {
            violation("heals", "round " + round + ": no convergence within 150 s of the heal");
        }
    }

    /** After a failed round: LAN healed, no loss, every peer awake and running. */
    private void restoreAll() {
        try {
            cluster.network.heal();
            for (ChaosPeer peer : cluster.peers) {
                if (cluster.network.hasNftables()) {
                    cluster.network.clearLoss(peer.index);
                }
                if (peer.isStopped()) {
                    peer.wake();
                }
                if (!peer.isRunning()) {
                    peer.start(false);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            violation("restore", "could not restore the cluster: " + e);
        }
    }

    /** Every search done and the cluster converged (bounded); the invariants on the answers and the ledgers. */
    private void finish() throws Exception {
        long t0 = System.currentTimeMillis();
        boolean done = ChaosCluster.awaitQuietly(Duration.ofSeconds(240), () -> cluster.converged()
                && cluster.peers.stream().allMatch(p -> cluster.get(p, "/api/searches").map(s -> {
                    for (JsonNode search : s.path("searches")) {
                        if (!search.path("status").asText().equals("DONE")) {
                            return false;
                        }
                    }
                    return s.path("searches").size() == acknowledged.size();
                }).orElse(false)));
        System.out.printf("chaos: %s after %.1f s%n", done ? "every search done and the cluster converged"
                : "NOT converged with every search done", (System.currentTimeMillis() - t0) / 1000.0);
        // A peer may sign an event (a capacity announcement) between the convergence check and the snapshots: take
        // them again, within a bound, until their ledgers agree; whatever still differs then is a violation.
        List<String> unanswered = new ArrayList<>();
        List<PeerSnapshot> snapshots = cluster.snapshots(unanswered);
        long snapshotDeadline = System.currentTimeMillis() + 30_000;
        while (!agree(snapshots, unanswered) && System.currentTimeMillis() < snapshotDeadline) {
            ChaosCluster.pause(Duration.ofSeconds(1));
            unanswered.clear();
            snapshots = cluster.snapshots(unanswered);
        }
        if (!unanswered.isEmpty()) {
            violation(InvariantChecker.UNANSWERED, "no answer from " + unanswered);
        }
        cluster.stopAll();
        List<InvariantChecker.Expected> expected = new ArrayList<>();
        for (SearchSubmitted search : acknowledged) {
            expected.add(new InvariantChecker.Expected(search.searchId(), oneMachine(search)));
        }
        violations.addAll(InvariantChecker.check(cluster.peers.size(), expected, snapshots));
        long agreed = snapshots.stream().mapToLong(PeerSnapshot::ledgerEvents).min().orElse(0);
        violations.addAll(InvariantChecker.checkLedgers(cluster.auditLedgers(), agreed));
    }

    /** Whether every peer answered and their ledgers hold the same number of events, none pending. */
    private static boolean agree(List<PeerSnapshot> snapshots, List<String> unanswered) {
        return unanswered.isEmpty() && snapshots.stream().allMatch(p -> p.ledgerPending() == 0
                && p.ledgerEvents() == snapshots.get(0).ledgerEvents());
    }

    /** The digests one machine computes for the search (cached by its parameters: soak runs repeat none). */
    static List<String> oneMachine(SearchSubmitted search) {
        String key = search.spec().toString();
        return ONE_MACHINE.computeIfAbsent(key, k -> RuntimeTestSupport.oneMachineDigests(search).stream()
                .map(Sha256::hex).toList());
    }

    private List<ChaosPeer> others(ChaosPeer coordinator) {
        return cluster.peers.stream().filter(p -> p != coordinator).toList();
    }

    /** The shape's groups: the first holds the target, filled with the others in index order. */
    private List<List<ChaosPeer>> groups(String shape, ChaosPeer target, ChaosPeer coordinator) {
        List<ChaosPeer> rest = new ArrayList<>(cluster.peers);
        rest.remove(target);
        List<ChaosPeer> order = new ArrayList<>();
        order.add(target);
        order.addAll(rest);
        List<List<ChaosPeer>> groups = new ArrayList<>();
        int at = 0;
        for (int n : FaultSchedule.groups(shape)) {
            groups.add(List.copyOf(order.subList(at, Math.min(order.size(), at + n))));
            at += n;
        }
        return groups;
    }

    private static Set<String> ids(List<ChaosPeer> group) {
        return group.stream().map(ChaosPeer::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private void violation(String rule, String detail) {
        InvariantChecker.Violation v = new InvariantChecker.Violation(rule, detail);
        violations.add(v);
        System.out.println("chaos: VIOLATION " + v);
    }
}
