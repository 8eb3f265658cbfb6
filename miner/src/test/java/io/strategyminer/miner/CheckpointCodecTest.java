package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.RiskLevel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {
    private static final String SPEC_HASH = "0123456789abcdef".repeat(4);
    private static Checkpoint checkpoint;
    private static byte[] bytes;

    @BeforeAll
    static void searchState() {
        List<SearchState> states = new ArrayList<>();
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(1)) {
            new GeneticSearch(40, 3, RiskLevel.HIGH, 10, new SyntheticFitness(), evaluator)
                    .run(SearchState.initial(77), states::add, CancellationToken.none());
        }
        checkpoint = new Checkpoint(SPEC_HASH, states.get(2));
        bytes = checkpoint.toBytes();
    }

    @Test
    void roundTripRestoresTheExactState() {
        Checkpoint decoded = Checkpoint.fromBytes(bytes);
        assertEquals(checkpoint, decoded);
        assertEquals(SPEC_HASH, decoded.specHash());
        assertEquals(3, decoded.generation());
        assertEquals(checkpoint.evaluations(), decoded.evaluations());
        assertEquals(checkpoint.bestFitness(), decoded.bestFitness());
        assertArrayEquals(bytes, decoded.toBytes(), "encoding is deterministic");
        // The trial statistics come back bit for bit.
        assertEquals(checkpoint.state().trials(), decoded.state().trials());
        assertTrue(decoded.state().trials().genomes() > 40 && decoded.state().trials().sharpeCount() > 0);
    }

    @Test
    void aCheckpointsSizeDoesNotGrowWithTheGenerationsRun() {
        List<SearchState> states = new ArrayList<>();
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(1)) {
            new GeneticSearch(40, 30, RiskLevel.HIGH, 10, new SyntheticFitness(), evaluator)
                    .run(SearchState.initial(77), states::add, CancellationToken.none());
        }
        int early = new Checkpoint(SPEC_HASH, states.get(2)).toBytes().length;
        int late = new Checkpoint(SPEC_HASH, states.get(29)).toBytes().length;
        assertTrue(late < 2 * early, "generation 3: " + early + " bytes, generation 30: " + late);
    }

    @Test
    void trialStatisticsThatCannotBeAreRefused() {
        // More trials with a Sharpe ratio than evaluations; sums that are not numbers or negative squares.
        long evaluations = checkpoint.state().evaluations();
        List<byte[]> forged = List.of(
                withBody(body -> body.putLong(body.limit() - 24, evaluations + 1)),
                withBody(body -> body.putLong(body.limit() - 16, Double.doubleToLongBits(Double.NaN))),
                withBody(body -> body.putLong(body.limit() - 8, Double.doubleToLongBits(-1.0))));
        for (byte[] bad : forged) {
            InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                    () -> Checkpoint.fromBytes(bad));
            assertTrue(e.getMessage().startsWith("checkpoint holds an invalid state"), e.getMessage());
        }
    }

    /** A well-framed checkpoint (valid compression, good checksum) whose body is this one's after {@code edit}. */
    private static byte[] withBody(Consumer<ByteBuffer> edit) {
        Inflater inflater = new Inflater();
        byte[] body;
        try {
            inflater.setInput(bytes, 42, bytes.length - 46);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                out.write(buffer, 0, inflater.inflate(buffer));
            }
            body = out.toByteArray();
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
        edit.accept(ByteBuffer.wrap(body));
        Deflater deflater = new Deflater();
        deflater.setInput(body);
        deflater.finish();
        byte[] compressed = new byte[body.length + 1024];
        int length = deflater.deflate(compressed);
        deflater.end();
        ByteBuffer frame = ByteBuffer.allocate(42 + length + 4);
        frame.put(bytes, 0, 38).putInt(length).put(compressed, 0, length).putInt(0);
        refreshCrc(frame.array());
        return frame.array();
    }

    @Test
    void isCompact() {
        // 40 genomes plus a hall of 10, each a few hundred bytes of JSON before compression.
        assertTrue(bytes.length < 5_000, bytes.length + " bytes");
    }

    @Test
    void everyFlippedByteIsRefused() {
        for (int mask : new int[] {0x01, 0x80, 0xFF}) {
            for (int position = 0; position < bytes.length; position++) {
                byte[] corrupt = bytes.clone();
                corrupt[position] ^= (byte) mask;
                int at = position;
                assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(corrupt),
                        "byte " + at + " ^ " + mask + " went unnoticed");
            }
        }
    }

    @Test
    void everyTruncationIsRefused() {
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                    () -> Checkpoint.fromBytes(truncated));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void foreignFormatVersionIsRefusedByName() {
        byte[] future = bytes.clone();
        ByteBuffer.wrap(future).putShort(4, (short) 3);
        refreshCrc(future);
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(future));
        assertEquals("checkpoint format version 3 is not supported; this peer reads version 2 (was it written by a"
                + " different release?)", e.getMessage());
    }

    @Test
    void somethingElseEntirelyIsRefused() {
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 200);
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(png));
        assertTrue(e.getMessage().startsWith("not a checkpoint"), e.getMessage());
        assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(new byte[0]));
        assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(null));
    }

    @Test
    void aBodyThatIsValidCompressedDataButNotAStateIsRefusedEvenWithAGoodChecksum() {
        // Same frame, body replaced by the compressed bytes of "hello": checksum fine, content nonsense.
        byte[] body = {0x78, (byte) 0x9c, (byte) 0xcb, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00, 0x06,
                0x2c, 0x02, 0x15};
        ByteBuffer frame = ByteBuffer.allocate(42 + body.length + 4);
        frame.put(bytes, 0, 38).putInt(body.length).put(body).putInt(0);
        byte[] forged = frame.array();
        refreshCrc(forged);
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(forged));
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
    }

    private static void refreshCrc(byte[] frame) {
        CRC32C crc = new CRC32C();
        crc.update(frame, 0, frame.length - 4);
        ByteBuffer.wrap(frame).putInt(frame.length - 4, (int) crc.getValue());
    }
}
