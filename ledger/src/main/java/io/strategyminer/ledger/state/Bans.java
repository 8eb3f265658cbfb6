package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.identity.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The equivocation proofs of the ledger and the peers they ban. Parts of one evidence are pooled whoever published
 * them (each part was checked against its hash at the door, so equal parts are equal bytes); once all parts of an
 * evidence are in, it is assembled and verified once, and its parts are let go. A peer is banned as soon as one
 * valid proof against it is complete, whoever reported it: the proof rests on the offender's own signatures, not on
 * the reporter's word. So the set of banned peers depends only on the set of proof events, never on their order.
 */
final class Bans {
    /** Parts by evidence ({@link #key}), until it is complete. */
    private final TreeMap<String, TreeMap<Integer, EquivocationProof>> incomplete = new TreeMap<>();
    private final TreeSet<String> decided = new TreeSet<>();
    private final TreeMap<PeerId, BanView> banned = new TreeMap<>();
    private final List<Equivocation> fresh = new ArrayList<>();

    /** Adds a part; returns the offender if this part completes the first valid proof against it. */
    Optional<PeerId> add(EquivocationProof part) {
        String key = key(part);
        if (decided.contains(key)) {
            return Optional.empty();
        }
        TreeMap<Integer, EquivocationProof> parts = incomplete.computeIfAbsent(key, k -> new TreeMap<>());
        parts.putIfAbsent(part.part(), part);
        if (parts.size() < part.partHashes().size()) {
            return Optional.empty();
        }
        incomplete.remove(key);
        decided.add(key);
        Optional<Equivocation> proof = Equivocation.assemble(new ArrayList<>(parts.values()));
        if (proof.isEmpty()) {
            return Optional.empty();
        }
        PeerId offender = proof.get().offender();
        BanView known = banned.get(offender);
        if (known != null) {
            if (proof.get().forkSequence() < known.forkSequence()) {
                banned.put(offender, new BanView(offender, proof.get().forkSequence()));
            }
            return Optional.empty();
        }
        banned.put(offender, new BanView(offender, proof.get().forkSequence()));
        fresh.add(proof.get());
        return Optional.of(offender);
    }

    boolean contains(PeerId peer) {
        return banned.containsKey(peer);
    }

    List<BanView> all() {
        return List.copyOf(banned.values());
    }

    /** The proofs that banned a peer since the last call, in the order they did (for the ledger to vouch for them). */
    List<Equivocation> takeFresh() {
        List<Equivocation> taken = List.copyOf(fresh);
        fresh.clear();
        return taken;
    }

    /** One evidence against one offender: parts that name both belong together. */
    private static String key(EquivocationProof part) {
        return part.offender().hex() + "/" + part.evidence().hex();
    }
}
