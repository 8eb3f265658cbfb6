package io.strategyminer.consensus;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.ResultDigest;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.backtest.Objective;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import io.strategyminer.miner.SearchSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Real ledgers of a few peers over memory stores, kept in sync by applying every appended event
 * everywhere: the ledger state the coordinator decides from, built the way the network builds it.
 */
final class TestCluster {
    static final DatasetId DATASET = new DatasetId("cd".repeat(32));
    static final Genome GENOME = GenomeJson.read("""
            {"entry": {"combine": "AND", "conditions": [{"left": "RSI(14)", "op": "<", "right": 30}]},
             "exit": {"combine": "OR", "conditions": [{"left": "RSI(14)", "op": ">", "right": 70}]},
             "stopLossPct": 2, "takeProfitPct": 4, "trailingStopPct": 0, "maxBarsHeld": 0,
             "positionPct": 50, "risk": "MEDIUM"}""");
    static final Metrics METRICS = new Metrics(10.0, 0.1, 1.25, 5, 0.6, 1.2, 25.0, 4.0, 40, 1.1, 1.3, 0.2, 3.4);
    static final TrialStatistics TRIALS = new TrialStatistics(1_000, 900, 9.0, 1.5);

    final List<PeerIdentity> identities = new ArrayList<>();
    final List<Ledger> ledgers = new ArrayList<>();
    final List<Member> members = new ArrayList<>();

    /** One peer per machine name; equal names share a machine. Each peer announces {@code cores} and {@code speed}. */
    TestCluster(List<String> machines, int cores, double speed) {
        for (String machine : machines) {
            PeerIdentity identity = PeerIdentity.generate();
            identities.add(identity);
            ledgers.add(Ledger.open(new MemoryLedgerStore(), identity));
            members.add(new Member(identity.peerId(), MachineId.fromSystemId(machine)));
        }
        for (int i = 0; i < machines.size(); i++) {
            append(i, PeerAnnounced.of(identities.get(i), "peer-" + i, members.get(i).machine(), cores, speed,
                    EngineVersion.CURRENT));
        }
    }

    PeerId id(int peer) {
        return identities.get(peer).peerId();
    }

    /** Appends on {@code peer} and applies the event on every other ledger. */
    Event append(int peer, Payload payload) {
        Event event = ledgers.get(peer).append(payload);
        for (int i = 0; i < ledgers.size(); i++) {
            if (i != peer) {
                ledgers.get(i).apply(event);
            }
        }
        return event;
    }

    <T> T read(Function<LedgerState, T> query) {
        return ledgers.get(0).read(query);
    }

    /** A view of the given peers, in that order (the first coordinates). */
    MembershipView view(long id, int... peers) {
        List<Member> in = new ArrayList<>();
        for (int peer : peers) {
            in.add(members.get(peer));
        }
        return new MembershipView(id, in);
    }

    static SearchSubmitted search(String id, int units, int quorum, boolean allowSameMachine) {
        return new SearchSubmitted(id, spec(units, quorum, allowSameMachine));
    }

    static SearchSpec spec(int units, int quorum, boolean allowSameMachine) {
        return SearchSpec.builder().dataset(DATASET).splitPercent(70).population(40).generations(25)
                .risk(RiskLevel.MEDIUM).objective(Objective.SHARPE).minTrades(0).workUnits(units).quorum(quorum)
                .seed(7).allowSameMachine(allowSameMachine).build();
    }

    /** Each lease as "KIND search/unit", for asserting what was granted in order. */
    static List<String> kinds(List<LeaseGranted> leases) {
        return leases.stream().map(l -> l.kind() + " " + l.searchId() + "/" + l.unit()).toList();
    }

    /** Appends each granted lease on the view's coordinator, as the coordinator's node does. */
    List<LeaseGranted> grantAndAppend(Coordinator coordinator, MembershipView view, int requester, int slots,
                                      long now) {
        List<LeaseGranted> leases = read(state -> coordinator.grant(state, view, id(requester), slots, now));
        int coordinatorIndex = members.indexOf(view.coordinator());
        leases.forEach(lease -> append(coordinatorIndex, lease));
        return leases;
    }

    /** The coordinator's periodic renewals, appended on the view's coordinator. */
    List<LeaseGranted> tickRenewals(Coordinator coordinator, MembershipView view, long now) {
        List<LeaseGranted> leases = read(state -> coordinator.renewals(state, view, now));
        int coordinatorIndex = members.indexOf(view.coordinator());
        leases.forEach(lease -> append(coordinatorIndex, lease));
        return leases;
    }

    /** A report whose trades hash to {@code trades}: peers that verify with the same name agree with it. */
    StrategyId report(int peer, String search, int unit, String trades) {
        Event event = append(peer, new StrategyReported(search, unit, GENOME, METRICS, METRICS, METRICS, METRICS,
                sha(trades), digest(trades), EngineVersion.CURRENT, TRIALS));
        return new StrategyId(event.origin(), event.sequence());
    }

    void verify(int peer, StrategyId strategy, String trades) {
        append(peer, new VerificationReported(strategy, digest(trades), EngineVersion.CURRENT));
    }

    /** The result digest of the test figures with the trades named {@code trades} (the searches share their costs). */
    static Sha256 digest(String trades) {
        SearchSpec spec = spec(1, 1, false);
        return Sha256.parse(ResultDigest.of(EngineVersion.CURRENT, DATASET, spec.unitSplit(0), spec.costs(),
                sha(trades).hex(), METRICS, METRICS, METRICS, METRICS));
    }

    void checkpoint(int peer, String search, int unit, int generation) {
        append(peer, new CheckpointSaved(search, unit, generation, sha(search + unit + generation), 100));
    }

    static Sha256 sha(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
