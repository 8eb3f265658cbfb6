package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.machine;
import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.CanonicalRule.Vote;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CanonicalRuleTest {
    private static final Sha256 GOOD = sha("good");
    private static final Sha256 BAD = sha("bad");
    private static final String ENGINE = "sm-engine-1";

    private static PeerId peer(int i) {
        return PeerId.fromBytes(java.util.Arrays.copyOf(new byte[] {(byte) i}, 16));
    }

    private static Vote vote(int peer, MachineId machine, Sha256 digest) {
        return new Vote(peer(peer), machine, digest, ENGINE);
    }

    @Test
    void theReporterCountsTowardsTheQuorum() {
        Verdict verdict = CanonicalRule.decide(2, false, vote(1, machine("a"), GOOD),
                List.of(vote(2, machine("b"), GOOD)));
        assertEquals(StrategyStatus.CANONICAL, verdict.status());
        assertEquals(Optional.of(GOOD), verdict.canonicalDigest());
    }

    @Test
    void peersOnOneMachineCountOnceUnlessAllowed() {
        Vote report = vote(1, machine("a"), GOOD);
        List<Vote> sameMachine = List.of(vote(2, machine("a"), GOOD), vote(3, machine("a"), GOOD));
        assertEquals(StrategyStatus.PENDING, CanonicalRule.decide(2, false, report, sameMachine).status());
        assertEquals(StrategyStatus.CANONICAL, CanonicalRule.decide(2, true, report, sameMachine).status());
        assertEquals(3, CanonicalRule.decide(2, true, report, sameMachine).tallies().get(0).independent());
    }

    @Test
    void aPeerVotingTwiceCountsOnce() {
        Vote report = vote(1, machine("a"), GOOD);
        assertEquals(StrategyStatus.PENDING, CanonicalRule.decide(2, true, report,
                List.of(vote(1, machine("a"), GOOD), vote(1, machine("a"), GOOD))).status());
    }

    @Test
    void anOutvotedReportIsInvalidAndAMismatchWithoutWinnerIsDisputed() {
        Vote report = vote(1, machine("a"), BAD);
        assertEquals(StrategyStatus.DISPUTED, CanonicalRule.decide(2, false, report,
                List.of(vote(2, machine("b"), GOOD))).status());
        Verdict outvoted = CanonicalRule.decide(2, false, report,
                List.of(vote(2, machine("b"), GOOD), vote(3, machine("c"), GOOD)));
        assertEquals(StrategyStatus.INVALID, outvoted.status());
        assertEquals(Optional.of(GOOD), outvoted.canonicalDigest());
    }

    @Test
    void aTieAtTheTopHasNoWinner() {
        Vote report = vote(1, machine("a"), BAD);
        Verdict tie = CanonicalRule.decide(2, false, report, List.of(vote(2, machine("b"), BAD),
                vote(3, machine("c"), GOOD), vote(4, machine("d"), GOOD)));
        assertEquals(StrategyStatus.DISPUTED, tie.status());
        assertEquals(Optional.empty(), tie.canonicalDigest());
    }

    @Test
    void votesOfAnotherEngineVersionAreNotCompared() {
        Vote report = vote(1, machine("a"), GOOD);
        Verdict verdict = CanonicalRule.decide(2, false, report,
                List.of(new Vote(peer(2), machine("b"), GOOD, "sm-engine-0"),
                        new Vote(peer(3), machine("c"), BAD, "sm-engine-0")));
        assertEquals(StrategyStatus.PENDING, verdict.status());
        assertEquals(1, verdict.tallies().size());
    }

    @Test
    void quorumOneMakesEveryUncontestedReportCanonical() {
        assertEquals(StrategyStatus.CANONICAL, CanonicalRule.decide(1, false, vote(1, machine("a"), GOOD),
                List.of()).status());
        assertThrows(IllegalArgumentException.class, () -> CanonicalRule.decide(0, false,
                vote(1, machine("a"), GOOD), List.of()));
    }

    @Property(tries = 500)
    void theVerdictDependsOnlyOnTheSetOfVotes(@ForAll @IntRange(min = 1, max = 4) int quorum,
                                              @ForAll boolean allowSameMachine, @ForAll long seed) {
        Random random = new Random(seed);
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            votes.add(vote(2 + random.nextInt(5), machine("m" + random.nextInt(3)),
                    random.nextBoolean() ? GOOD : BAD));
        }
        Vote report = vote(1, machine("m0"), random.nextBoolean() ? GOOD : BAD);
        Verdict expected = CanonicalRule.decide(quorum, allowSameMachine, report, votes);

        List<Vote> shuffled = new ArrayList<>(votes);
        shuffled.addAll(votes.subList(0, random.nextInt(votes.size() + 1)));
        Collections.shuffle(shuffled, random);
        assertEquals(expected, CanonicalRule.decide(quorum, allowSameMachine, report, shuffled));
    }

    // ---- a peer's own re-run against votes it cannot trust (members may run modified code) ----

    private static final CanonicalRule.Judgement UNJUDGED = new CanonicalRule.Judgement(Optional.empty(), true);

    private static CanonicalRule.Judgement reRan(Sha256 digest) {
        return new CanonicalRule.Judgement(Optional.of(digest), true);
    }

    /** Five identities with five made-up machine ids: what one modified member can announce. */
    private static List<Vote> sybils(Sha256 digest) {
        List<Vote> votes = new ArrayList<>();
        for (int i = 10; i < 15; i++) {
            votes.add(vote(i, machine("made-up-" + i), digest));
        }
        return votes;
    }

    @Test
    void aFabricatedDigestWithAQuorumOfSybilVotesIsNeverCanonicalOnAPeerThatReRanIt() {
        Vote fabricated = vote(9, machine("made-up-9"), BAD);
        assertEquals(StrategyStatus.CANONICAL, CanonicalRule.decide(2, false, fabricated, sybils(BAD)).status(),
                "on votes alone the sybils win: that is why votes alone never decide on a real peer");
        Verdict here = CanonicalRule.decide(2, false, fabricated, sybils(BAD), reRan(GOOD));
        assertEquals(StrategyStatus.INVALID, here.status());
        assertEquals(Optional.of(GOOD), here.canonicalDigest(), "what this peer computed");
        assertEquals(StrategyStatus.PENDING, CanonicalRule.decide(2, false, fabricated, sybils(BAD), UNJUDGED).status(),
                "not re-run here yet: undecided, never canonical");
    }

    @Test
    void anHonestCanonicalResultCannotBeFlippedBySybilVotes() {
        Vote honest = vote(1, machine("a"), GOOD);
        List<Vote> votes = new ArrayList<>(List.of(vote(2, machine("b"), GOOD)));
        assertEquals(StrategyStatus.CANONICAL, CanonicalRule.decide(2, false, honest, votes, reRan(GOOD)).status());
        votes.addAll(sybils(BAD));
        assertEquals(StrategyStatus.INVALID, CanonicalRule.decide(2, false, honest, votes).status(),
                "on votes alone five sybils flip it");
        Verdict here = CanonicalRule.decide(2, false, honest, votes, reRan(GOOD));
        assertEquals(StrategyStatus.CANONICAL, here.status(), "a peer that reproduced it keeps it");
        assertEquals(2, here.support(GOOD));
    }

    @Test
    void aReproducedDigestStillNeedsItsQuorumOfPublishedVotes() {
        Vote honest = vote(1, machine("a"), GOOD);
        assertEquals(StrategyStatus.PENDING, CanonicalRule.decide(2, false, honest, List.of(), reRan(GOOD)).status(),
                "this peer's own re-run is not a published vote");
        assertEquals(StrategyStatus.DISPUTED,
                CanonicalRule.decide(2, false, honest, List.of(vote(2, machine("b"), BAD)), reRan(GOOD)).status());
    }

    @Property(tries = 300)
    void whateverTheVotesAPeerNeverShowsADigestItDidNotReproduceAsCanonical(@ForAll @IntRange(min = 0, max = 6) int good,
                                                                            @ForAll @IntRange(min = 0, max = 6) int bad,
                                                                            @ForAll @IntRange(min = 1, max = 4) int quorum,
                                                                            @ForAll boolean reportedGood) {
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < good; i++) {
            votes.add(vote(20 + i, machine("g" + i), GOOD));
        }
        for (int i = 0; i < bad; i++) {
            votes.add(vote(40 + i, machine("b" + i), BAD));
        }
        Collections.shuffle(votes, new Random(good * 31L + bad));
        Vote report = vote(1, machine("r"), reportedGood ? GOOD : BAD);
        Verdict verdict = CanonicalRule.decide(quorum, false, report, votes, reRan(GOOD));
        if (!reportedGood) {
            assertEquals(StrategyStatus.INVALID, verdict.status());
        } else {
            assertEquals(good + 1 >= quorum, verdict.status() == StrategyStatus.CANONICAL,
                    "canonical exactly when the reproduced digest has its quorum, whatever the bad votes");
        }
    }
}
