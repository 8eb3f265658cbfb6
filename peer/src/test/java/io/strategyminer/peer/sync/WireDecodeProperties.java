package io.strategyminer.peer.sync;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
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
 * {@link Wire#decode} reads frames from another peer (after the handshake: a member, possibly running modified
 * code): whatever the bytes, it returns a message or throws {@link ProtocolException} — never another exception,
 * never a hang, and never an allocation of an announced size it has not checked.
 */
class WireDecodeProperties {
    private static final List<byte[]> VALID = valid();

    private static List<byte[]> valid() {
        Dataset dataset = DatasetChunksTest.synthetic(300);
        DatasetId id = dataset.id();
        byte[] chunk = DatasetChunks.chunk(dataset, 0);
        Sha256 hash = Sha256.of(chunk);
        return List.of(Wire.encode(new Wire.Ack(7)), Wire.encode(new Wire.Done()),
                Wire.encode(new Wire.DatasetRequest(id)), Wire.encode(new Wire.Manifest(DatasetManifest.of(dataset))),
                Wire.encode(new Wire.Missing(id)), Wire.encode(new Wire.ChunkRequest(0)),
                Wire.encode(new Wire.Chunk(0, chunk)), Wire.encode(new Wire.BlobRequest(hash, 1)),
                Wire.encode(new Wire.BlobPart(chunk.length, 0, chunk)), Wire.encode(new Wire.BlobMissing(hash)),
                Wire.encode(new Wire.Events(List.of(new byte[] {1, 2, 3}, chunk))));
    }

    @Property(tries = 10_000)
    void randomFramesAreAMessageOrAProtocolError(@ForAll @Size(max = 400) byte[] frame) {
        decodesOrRefuses(frame);
    }

    @Property(tries = 10_000)
    void mutatedFramesAreAMessageOrAProtocolError(@ForAll("mutations") byte[] frame) {
        decodesOrRefuses(frame);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        return Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.bytes(), Arbitraries.integers().between(0, 2)).as((frame, at, b, kind) -> {
                    int index = at % frame.length;
                    return switch (kind) {
                        case 0 -> {
                            byte[] copy = frame.clone();
                            copy[index] = b;
                            yield copy;
                        }
                        case 1 -> Arrays.copyOf(frame, index);
                        default -> {
                            byte[] copy = Arrays.copyOf(frame, frame.length + 1 + index % 16);
                            copy[copy.length - 1] = b;
                            yield copy;
                        }
                    };
                });
    }

    private static void decodesOrRefuses(byte[] frame) {
        try {
            Wire.decode(frame);
        } catch (ProtocolException expected) {
            // the documented refusal
        }
    }
}
