package io.strategyminer.ledger.state;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.identity.PeerId;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of the {@link CanonicalRule} for one strategy.
 *
 * @param status          where the strategy stands
 * @param canonicalDigest the digest that reached the quorum, if one did
 * @param tallies         support per digest, strongest first (ties by digest)
 */
public record Verdict(StrategyStatus status, Optional<Sha256> canonicalDigest, List<Tally> tallies) {

    public Verdict {
        tallies = List.copyOf(tallies);
    }

    /** How many independent peers voted for {@code digest} (0 if none did). */
    public int support(Sha256 digest) {
        return tallies.stream().filter(t -> t.digest().equals(digest)).mapToInt(Tally::independent).findFirst()
                .orElse(0);
    }

    /**
     * The support for one digest.
     *
     * @param digest      the digest
     * @param independent how many independent peers reported it (see {@link CanonicalRule})
     * @param peers       every peer that reported it, sorted
     */
    public record Tally(Sha256 digest, int independent, List<PeerId> peers) {
        public Tally {
            peers = List.copyOf(peers);
        }
    }
}
