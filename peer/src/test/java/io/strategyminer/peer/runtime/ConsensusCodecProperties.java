package io.strategyminer.peer.runtime;

import io.strategyminer.consensus.ConsensusMessage;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * {@link ConsensusCodec#decode} reads what any member sends: whatever the bytes, a work request or an
 * {@link IllegalArgumentException} (the documented refusal), never another exception or a hang; removed kinds
 * (1 live event, 3 repair request, 4 repair batch) are always refused.
 */
class ConsensusCodecProperties {
    private static final List<byte[]> VALID = List.of(
            ConsensusCodec.encode(new ConsensusMessage.WorkRequest(3)));

    @Property(tries = 10_000)
    void randomBytesAreAMessageOrRefused(@ForAll @Size(max = 300) byte[] wire) {
        decodesOrRefuses(wire);
    }

    @Property(tries = 10_000)
    void mutatedMessagesAreAMessageOrRefused(@ForAll("mutations") byte[] wire) {
        decodesOrRefuses(wire);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<byte[]> prefixes = Arbitraries.integers().between(0, 6).map(kind -> new byte[] {kind.byteValue()});
        Arbitrary<byte[]> valid = Arbitraries.oneOf(Arbitraries.of(VALID), prefixes);
        return Combinators.combine(valid, Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.integers().between(0, 1)).as((base, tail, kind) -> {
                    byte[] out = Arrays.copyOf(base, base.length + tail.length);
                    System.arraycopy(tail, 0, out, base.length, tail.length);
                    if (kind == 1 && out.length > 1) {
                        out[1] = (byte) 0x7f; // an absurd count or length right after the kind
                    }
                    return out;
                });
    }

    @Property(tries = 2_000)
    void removedKindsAreAlwaysRefused(@ForAll("removedKinds") byte kind, @ForAll @Size(max = 300) byte[] rest) {
        byte[] wire = new byte[rest.length + 1];
        wire[0] = kind;
        System.arraycopy(rest, 0, wire, 1, rest.length);
        try {
            ConsensusCodec.decode(wire);
            throw new AssertionError("kind " + kind + " was decoded");
        } catch (IllegalArgumentException expected) {
            // the documented refusal
        }
    }

    @Provide
    Arbitrary<Byte> removedKinds() {
        return Arbitraries.of((byte) 1, (byte) 3, (byte) 4);
    }

    private static void decodesOrRefuses(byte[] wire) {
        try {
            if (!(ConsensusCodec.decode(wire) instanceof ConsensusMessage.WorkRequest)) {
                throw new AssertionError("only work requests are accepted");
            }
        } catch (IllegalArgumentException expected) {
            // the documented refusal
        }
    }
}
