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
 * {@link ConsensusCodec#decode} reads what any member broadcasts: whatever the bytes, a message or an
 * {@link IllegalArgumentException} (the documented refusal), never another exception or a hang.
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

    private static void decodesOrRefuses(byte[] wire) {
        try {
            ConsensusCodec.decode(wire);
        } catch (IllegalArgumentException expected) {
            // the documented refusal
        }
    }
}
