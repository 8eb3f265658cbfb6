package io.strategyminer.ledger.state;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When a reported strategy is canonical (DESIGN §3), as a pure function of the votes: the
 * reporter's and each verifier's (peer, machine, digest, engine version).
 *
 * <ul>
 *   <li>Only votes with the report's engine version count; others cannot be compared.</li>
 *   <li>A digest's support is the number of independent peers that voted for it: distinct
 *       machines (each machine counts once, however many peers it runs), or distinct peers when
 *       the search allows same-machine peers. The reporter counts.</li>
 *   <li>The winner is the digest whose support is at least {@code quorum} and strictly greater
 *       than every other digest's. A tie at the top leaves the strategy disputed, so no peer can
 *       see two winners.</li>
 *   <li>Status: CANONICAL if the winner is the reported digest, INVALID if another digest won,
 *       DISPUTED if digests differ and none won, PENDING otherwise.</li>
 * </ul>
 * The result depends only on the set of votes, never on their order or on duplicates.
 */
public final class CanonicalRule {

    private CanonicalRule() {
    }

    /**
     * One peer's claim about a strategy's digest.
     *
     * @param peer          who voted
     * @param machine       the machine the peer announced
     * @param digest        the digest it computed
     * @param engineVersion the engine version it ran
     */
    public record Vote(PeerId peer, MachineId machine, Sha256 digest, String engineVersion) {
    }

    /**
     * Decides a strategy's status.
     *
     * @param quorum           independent votes needed, ≥ 1
     * @param allowSameMachine whether distinct peers on one machine count as independent
     * @param report           the reporter's vote (its digest is the one reported)
     * @param verifications    the verifiers' votes, in any order, duplicates allowed
     */
    public static Verdict decide(int quorum, boolean allowSameMachine, Vote report, Collection<Vote> verifications) {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum " + quorum + " is not ≥ 1");
        }
        TreeMap<Sha256, List<Vote>> byDigest = new TreeMap<>();
        byDigest.computeIfAbsent(report.digest(), d -> new ArrayList<>()).add(report);
        for (Vote vote : verifications) {
            if (vote.engineVersion().equals(report.engineVersion())) {
                byDigest.computeIfAbsent(vote.digest(), d -> new ArrayList<>()).add(vote);
            }
        }
        List<Verdict.Tally> tallies = new ArrayList<>();
        byDigest.forEach((digest, votes) -> tallies.add(tally(digest, votes, allowSameMachine)));
        tallies.sort(Comparator.comparingInt(Verdict.Tally::independent).reversed()
                .thenComparing(Verdict.Tally::digest));

        Verdict.Tally top = tallies.get(0);
        boolean clearLead = tallies.size() == 1 || tallies.get(1).independent() < top.independent();
        if (top.independent() >= quorum && clearLead) {
            StrategyStatus status = top.digest().equals(report.digest()) ? StrategyStatus.CANONICAL
                    : StrategyStatus.INVALID;
            return new Verdict(status, Optional.of(top.digest()), tallies);
        }
        StrategyStatus status = tallies.size() > 1 ? StrategyStatus.DISPUTED : StrategyStatus.PENDING;
        return new Verdict(status, Optional.empty(), tallies);
    }

    private static Verdict.Tally tally(Sha256 digest, List<Vote> votes, boolean allowSameMachine) {
        Set<PeerId> peers = new TreeSet<>();
        Set<MachineId> machines = new TreeSet<>();
        for (Vote vote : votes) {
            peers.add(vote.peer());
            machines.add(vote.machine());
        }
        int independent = allowSameMachine ? peers.size() : machines.size();
        return new Verdict.Tally(digest, independent, new ArrayList<>(peers));
    }
}
