package io.strategyminer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.ResultDigest;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.miner.DeflatedSharpeRanking;
import io.strategyminer.miner.SearchSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No order the API gives reads the holdout (DESIGN §3, "Holdout rule"): two peers whose canonical strategies have
 * the same in-sample figures but any holdout figures list them in the same order, best first; only the shown holdout
 * figures differ. With the miner's property (the genetic search's choices do not depend on the holdout candles)
 * this covers "rewriting every holdout candle changes no choice and no order".
 */
class HoldoutRankingProperties {
    private static final Genome GENOME = GenomeJson.read("""
            {"entry": {"combine": "AND", "conditions": [{"left": "RSI(14)", "op": "<", "right": 30}]},
             "exit": {"combine": "OR", "conditions": [{"left": "RSI(14)", "op": ">", "right": 70}]},
             "stopLossPct": 2, "takeProfitPct": 4, "trailingStopPct": 0, "maxBarsHeld": 0,
             "positionPct": 50, "risk": "MEDIUM"}""");

    /** One unit's result: its in-sample figures and trials, and a holdout for each of the two peers. */
    record Unit(Metrics inSample, TrialStatistics trials, Metrics holdoutHere, Metrics holdoutThere) {
    }

    @Property(tries = 25)
    void theDefaultOrderIsTheSameWhateverTheHoldoutSays(@ForAll("units") List<Unit> units)
            throws IOException {
        assertEquals(order(units, true), order(units, false));
    }

    /** The units in the order a peer holding their reports lists its canonical strategies. */
    private static List<Integer> order(List<Unit> units, boolean here) throws IOException {
        Path dir = Files.createTempDirectory("sm-holdout");
        try (LoopbackPeer peer = LoopbackPeer.start(dir, UnaryOperator.identity())) {
            TestCluster.RemotePeer reporter = peer.cluster.new RemotePeer("reporter-machine", 2);
            SearchSpec spec = SearchSpec.builder().dataset(BundledDatasets.btcUsd5m().id()).objective(
                    io.strategyminer.backtest.Objective.CALMAR).workUnits(units.size()).quorum(1).seed(5).build();
            reporter.publish(new SearchSubmitted("holdout", spec));
            for (int i = 0; i < units.size(); i++) {
                Unit unit = units.get(i);
                Metrics holdout = here ? unit.holdoutHere() : unit.holdoutThere();
                Sha256 trades = Sha256.of(("unit " + i).getBytes(StandardCharsets.UTF_8));
                Sha256 digest = Sha256.parse(ResultDigest.of(EngineVersion.CURRENT, spec.dataset(), spec.unitSplit(i),
                        spec.costs(), trades.hex(), unit.inSample(), unit.inSample(), holdout, holdout));
                reporter.publish(new StrategyReported("holdout", i, GENOME, unit.inSample(), unit.inSample(), holdout,
                        holdout, trades, digest, EngineVersion.CURRENT, unit.trials()));
            }
            JsonNode listed = Json.MAPPER.readTree(peer.send("GET", "/api/strategies?status=canonical&limit=100",
                    peer.headers(), "").body());
            List<Integer> order = new ArrayList<>();
            listed.path("strategies").forEach(s -> order.add(s.path("unit").asInt()));
            // whatever trial counts the reports carry, N comes from the search's own parameters
            long trials = DeflatedSharpeRanking.trials(spec.population(), spec.generations(), units.size());
            listed.path("strategies").forEach(s -> assertEquals(trials, s.at("/significance/trials").asLong()));
            assertEquals(units.size(), order.size(), listed.toString());
            return order;
        } finally {
            deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<List<Unit>> units() {
        Arbitrary<Metrics> inSample = metrics(Arbitraries.integers().between(10, 200));
        Arbitrary<Metrics> holdout = metrics(Arbitraries.integers().between(1, 90));
        Arbitrary<TrialStatistics> trials = Arbitraries.longs().between(1, 50_000)
                .map(n -> new TrialStatistics(n, 0, 0, 0));
        return Combinators.combine(inSample, trials, holdout, holdout).as(Unit::new).list().ofMinSize(2).ofMaxSize(6);
    }

    /** Valid metrics: undefined daily statistics below 30 days, as the engine gives them. */
    private static Arbitrary<Metrics> metrics(Arbitrary<Integer> days) {
        Arbitrary<Double> ret = Arbitraries.doubles().between(-50, 300).ofScale(2);
        Arbitrary<Double> sharpe = Arbitraries.doubles().between(-3, 8).ofScale(3);
        Arbitrary<Double> skew = Arbitraries.doubles().between(-2, 2).ofScale(2);
        Arbitrary<Double> kurt = Arbitraries.doubles().between(1.5, 12).ofScale(2);
        return Combinators.combine(days, ret, sharpe, skew, kurt).as((d, r, s, sk, k) -> d < Metrics.MIN_DAYS
                ? new Metrics(r * 100, r, Double.NaN, 20, 0.5, 1.2, 40, 10, d, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN)
                : new Metrics(r * 100, r, r / 2, 20, 0.5, 1.2, 40, 10, d, s, s * 1.3, sk, k));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
