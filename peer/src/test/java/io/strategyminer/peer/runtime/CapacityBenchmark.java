package io.strategyminer.peer.runtime;

import static io.strategyminer.peer.LoopbackTestSupport.await;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.SharedData;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.TestSearches;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A peer's capacity measured on the work it runs (consensus {@code CapacityEstimate}), through whole runtimes on
 * loopback: three identical peers (one worker slot each, the start-up probe of production, 2 s) mine a long search
 * on the 39,017-candle BTC/USD 2011 file; printed, never asserted on (speed is measured, not tested):
 * each peer's start-up probe, its measured capacity at the end and the figure its latest announcement carries, the
 * spread between the peers, and each peer's share of the candle-steps run against its share of the measured capacity.
 * Run with {@code mvn -Dsm.target=target-cap -pl peer -am test -Dtest=CapacityBenchmark -Dsm.excludedGroups=
 * -Dsurefire.failIfNoSpecifiedTests=false}; results in {@code peer/docs/measurements.md}.
 */
@Tag("benchmark")
class CapacityBenchmark {
    private final List<PeerRuntime> peers = new ArrayList<>();
    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private final List<Integer> ports = new ArrayList<>();
    private Path root;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createTempDirectory("sm-capacity-benchmark");
    }

    @AfterEach
    void stopAll() {
        peers.forEach(PeerRuntime::close);
        RuntimeTestSupport.deleteTree(root);
    }

    @Test
    void identicalPeersMeasureTheSameCapacityAndWorkFollowsIt() throws IOException {
        run(List.of(1, 1, 1), Integer.getInteger("sm.capacity.units", 90));
    }

    @Test
    void twoAndOneSlotsWorkInProportionToTheirMeasuredCapacity() throws IOException {
        run(List.of(2, 1), Integer.getInteger("sm.capacity.units", 90));
    }

    private void run(List<Integer> threads, int units) throws IOException {
        int generations = Integer.getInteger("sm.capacity.generations", 150);
        for (int i = 0; i < threads.size(); i++) {
            ports.add(LoopbackTestSupport.freeBasePort());
        }
        List<Double> probes = new ArrayList<>();
        for (int i = 0; i < threads.size(); i++) {
            PeerRuntime peer = PeerRuntime.start(RuntimeTestSupport.loopbackPeer("cap-" + i, root.resolve("cap-" + i),
                    ports.get(i), ports, secret).withThreads(threads.get(i)).withCalibration(Duration.ofSeconds(2)));
            peers.add(peer);
            probes.add(peer.capacityCandleStepsPerSecond());
        }
        await(Duration.ofSeconds(30), "every peer sees the whole view",
                () -> peers.stream().allMatch(p -> p.view().size() == threads.size()));
        Dataset btc = CandleImporter.importFile(SharedData.file(SharedData.BTC_2011_CSV), ImportOptions.auto())
                .toDataset("btc2011", null);
        peers.get(0).publish(btc, "benchmark");
        await(Duration.ofSeconds(30), "every peer knows the dataset",
                () -> peers.stream().allMatch(p -> p.read(s -> s.dataset(btc.id()).isPresent())));

        SearchSubmitted search = TestSearches.search("capacity", btc.id(), 40, generations, units, 1, 11L);
        long startedAt = System.nanoTime();
        peers.get(0).submit(search);
        // each peer's measured capacity, sampled every second while the search runs: its mean over the run is what the
        // work done over the run should follow (the final figure weighs the last minute most)
        double[] sums = new double[peers.size()];
        int[] samples = {0};
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            synchronized (sums) {
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += peers.get(i).capacityCandleStepsPerSecond();
                }
                samples[0]++;
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            await(Duration.ofMinutes(30), "the search is DONE on every peer", () -> peers.stream().allMatch(p -> p.read(
                    state -> state.search(search.searchId()).map(s -> s.status() == SearchStatus.DONE).orElse(false))));
        } finally {
            sampler.shutdownNow();
        }
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        double[] means = new double[peers.size()];
        synchronized (sums) {
            for (int i = 0; i < sums.length; i++) {
                means[i] = sums[i] / Math.max(1, samples[0]);
            }
        }
        double meanCapacity = Arrays.stream(means).sum();

        int inSample = search.spec().unitSplit(0).inSample(btc.size()).length();
        double capacity = peers.stream().mapToDouble(PeerRuntime::capacityCandleStepsPerSecond).sum();
        long steps = peers.stream().mapToLong(PeerRuntime::candleStepsRun).sum();
        double max = peers.stream().mapToDouble(PeerRuntime::capacityCandleStepsPerSecond).max().orElseThrow();
        double min = peers.stream().mapToDouble(PeerRuntime::capacityCandleStepsPerSecond).min().orElseThrow();
        System.out.printf("capacity: peers of %s slots, %d units of 40 x %d on %,d candles (%,d in-sample) in %.1f s;"
                        + " %,.0f candle-steps/s run on average = %,.0f backtests/s (load average %.1f on %d cores)%n",
                threads, units, generations, btc.size(), inSample, seconds, steps / seconds, steps / seconds / inSample,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < peers.size(); i++) {
            PeerRuntime peer = peers.get(i);
            double announced = peer.read(s -> s.peer(peer.peerId()).orElseThrow().announced().candleStepsPerSecond());
            double measured = peer.capacityCandleStepsPerSecond();
            System.out.printf("  %s (%d slots): probe %,.0f candle-steps/s; measured %,.0f (%,.0f backtests/s on this"
                            + " work); announced %,.0f; capacity share %.1f %%, candle-steps run %,d = work share %.1f %%"
                            + " (work / capacity %.3f)%n",
                    peer.settings().name(), peer.settings().threads(), probes.get(i), measured, measured / inSample,
                    announced, 100 * measured / capacity, peer.candleStepsRun(), 100.0 * peer.candleStepsRun() / steps,
                    (peer.candleStepsRun() / (double) steps) / (measured / capacity));
            System.out.printf("      mean measured capacity over the run %,.0f = share %.1f %% (work / mean capacity %.3f)%n",
                    means[i], 100 * means[i] / meanCapacity,
                    (peer.candleStepsRun() / (double) steps) / (means[i] / meanCapacity));
        }
        System.out.printf("  measured capacities within %.1f %% of each other (max / min - 1); probes within %.1f %%%n",
                100 * (max / min - 1), 100 * (probes.stream().mapToDouble(d -> d).max().orElseThrow()
                        / probes.stream().mapToDouble(d -> d).min().orElseThrow() - 1));
    }
}
