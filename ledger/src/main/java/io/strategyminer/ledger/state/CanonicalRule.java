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
 *
 * <p>A peer's own re-run of the strategy ({@link Judgement}) overrides the votes where they could mislead it:
 * votes are signed by identities a member can create at will, with machine ids it declares itself, so a quorum
 * of them proves nothing to a peer that computed another digest. With its own digest known:
 * <ul>
 *   <li>if it differs from the reported one, the strategy is INVALID here, whatever the votes;</li>
 *   <li>if it equals it, the strategy is CANONICAL as soon as the reported digest has its quorum, and stays so
 *       whatever other digests are voted for later: an honest result cannot be flipped.</li>
 * </ul>
 * A peer that requires its own verdict decides nothing before it has re-run the strategy: a report it has not
 * re-run is PENDING (DISPUTED if digests differ), never CANONICAL or INVALID on the strength of votes alone. Honest
 * peers compute the same digest, so they still all reach the same statuses.
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
     * What this peer itself knows of a strategy.
     *
     * @param own      the digest this peer computed by re-running it with the report's engine version, if it has
     * @param required whether this peer decides only what it re-ran (production peers; the ledger's own tests and
     *                 the simulator's honest-vote scenarios may decide on votes alone)
     */
    public record Judgement(Optional<Sha256> own, boolean required) {
        /** Votes alone decide: nothing re-run, nothing required. */
        public static final Judgement VOTES_ONLY = new Judgement(Optional.empty(), false);
    }

    /** As {@link #decide(int, boolean, Vote, Collection, Judgement)} on votes alone. */
    public static Verdict decide(int quorum, boolean allowSameMachine, Vote report, Collection<Vote> verifications) {
        return decide(quorum, allowSameMachine, report, verifications, Judgement.VOTES_ONLY);
    }

    /**
     * Decides a strategy's status.
     *
     * @param quorum           independent votes needed, ≥ 1
     * @param allowSameMachine whether distinct peers on one machine count as independent
     * @param report           the reporter's vote (its digest is the one reported)
     * @param verifications    the verifiers' votes, in any order, duplicates allowed
     * @param judgement        this peer's own re-run, see the class comment
     */
    public static Verdict decide(int quorum, boolean allowSameMachine, Vote report, Collection<Vote> verifications,
                                 Judgement judgement) {
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

        if (judgement.own().isPresent()) {
            Sha256 own = judgement.own().get();
            if (!own.equals(report.digest())) {
                return new Verdict(StrategyStatus.INVALID, Optional.of(own), tallies);
            }
            boolean reached = tallies.stream().anyMatch(t -> t.digest().equals(own) && t.independent() >= quorum);
            return reached ? new Verdict(StrategyStatus.CANONICAL, Optional.of(own), tallies)
                    : new Verdict(tallies.size() > 1 ? StrategyStatus.DISPUTED : StrategyStatus.PENDING,
                    Optional.empty(), tallies);
        }
        if (judgement.required()) {
            return new Verdict(tallies.size() > 1 ? StrategyStatus.DISPUTED : StrategyStatus.PENDING, Optional.empty(),
                    tallies);
        }
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
