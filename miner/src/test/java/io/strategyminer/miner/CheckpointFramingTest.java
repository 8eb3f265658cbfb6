package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.stats.TrialStatistics;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint frame and body at their edges: the smallest frame, bodies announced longer or shorter than they are,
 * compressed bodies that end early, need a dictionary or inflate to the size limit, and entry counts and genome
 * lengths at and beyond their bounds. Each forged checkpoint has a good checksum, so only the check under test can
 * refuse it.
 */
class CheckpointFramingTest {
    private static final String SPEC_HASH = "fedcba9876543210".repeat(4);
    private static final int FRAME_BYTES = 46;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    @Test
    void aNewSearchsCheckpointWithNoPopulationYetRoundTrips() {
        Checkpoint start = new Checkpoint(SPEC_HASH, SearchState.initial(5));
        Checkpoint decoded = Checkpoint.fromBytes(start.toBytes());
        assertEquals(start, decoded);
        assertTrue(decoded.state().population().isEmpty() && decoded.state().hallOfFame().isEmpty());
    }

    @Test
    void aHallOfFameOfTheMostReportedGenomesRoundTripsAndOneMoreIsRefused() {
        Checkpoint full = withHall(WorkUnitSpec.MAX_REPORTED);
        assertEquals(full, Checkpoint.fromBytes(full.toBytes()));
        byte[] overfull = withHall(WorkUnitSpec.MAX_REPORTED + 1).toBytes();
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(overfull));
        assertEquals("checkpoint corrupt: hall of fame of 51 genomes", e.getMessage());
    }

    private static Checkpoint withHall(int size) {
        GenomeSampler sampler = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(3));
        List<Genome> genomes = sampler.sampleDistinct(size + 4, Set.of());
        List<Scored> population = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            population.add(new Scored(genomes.get(i), Fitness.of(i)));
        }
        List<Scored> hall = new ArrayList<>();
        for (int i = 4; i < genomes.size(); i++) {
            hall.add(new Scored(genomes.get(i), Fitness.of(100 - i)));
        }
        SearchState state = new SearchState(1, Xoshiro256.seeded(4).state(), population, hall, 4,
                new TrialStatistics(4, 0, 0, 0));
        return new Checkpoint(SPEC_HASH, state);
    }

    @Test
    void tooShortForAFrameIsRefusedWithTheFramesSize() {
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(new byte[10]));
        assertEquals("not a checkpoint: 10 bytes is shorter than the 46-byte frame (truncated?)", e.getMessage());
        assertEquals("not a checkpoint: 45 bytes is shorter than the 46-byte frame (truncated?)",
                assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(new byte[45]))
                        .getMessage());
    }

    @Test
    void aFrameWithAnEmptyBodyIsReadAsFarAsTheBody() {
        // exactly the frame's 46 bytes, announcing a 0-byte body: framing is fine, the body is not
        byte[] empty = frame(new byte[0]);
        assertEquals(FRAME_BYTES, empty.length);
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(empty));
        assertEquals("checkpoint corrupt: compressed body ends early", e.getMessage());
    }

    @Test
    void aBodyLongerOrShorterThanAnnouncedIsRefusedWithBothLengths() {
        byte[] good = new Checkpoint(SPEC_HASH, SearchState.initial(5)).toBytes();
        int body = good.length - FRAME_BYTES;
        byte[] padded = Arrays.copyOf(good, good.length + 3);
        refreshCrc(padded);
        assertEquals("checkpoint truncated or padded: header announces a " + body + "-byte body, " + (body + 3)
                + " bytes are there", assertThrows(InvalidCheckpointException.class,
                        () -> Checkpoint.fromBytes(padded)).getMessage());
        byte[] negative = good.clone();
        ByteBuffer.wrap(negative).putInt(38, -1);
        refreshCrc(negative);
        assertEquals("checkpoint truncated or padded: header announces a 4294967295-byte body, " + body
                + " bytes are there", assertThrows(InvalidCheckpointException.class,
                        () -> Checkpoint.fromBytes(negative)).getMessage());
    }

    @Test
    void aCompressedBodyCutShortIsRefused() {
        byte[] compressed = deflate(body(new byte[0], new byte[0]));
        byte[] cut = frameCompressed(Arrays.copyOf(compressed, compressed.length / 2));
        assertEquals("checkpoint corrupt: compressed body ends early",
                assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(cut)).getMessage());
    }

    @Test
    void aBodyCompressedAgainstAPresetDictionaryIsRefused() {
        Deflater deflater = new Deflater();
        deflater.setDictionary("SMGA".getBytes(StandardCharsets.US_ASCII));
        deflater.setInput(body(new byte[0], new byte[0]));
        deflater.finish();
        byte[] compressed = new byte[1024];
        int length = deflater.deflate(compressed);
        deflater.end();
        byte[] forged = frameCompressed(Arrays.copyOf(compressed, length));
        assertEquals("checkpoint corrupt: compressed body ends early",
                assertThrows(InvalidCheckpointException.class, () -> Checkpoint.fromBytes(forged)).getMessage());
    }

    @Test
    void aBodyOfUpTo64MebibytesIsInflatedAndOneByteMoreIsNot() {
        // zeros: an all-zero generator state, refused only once the body is read
        InvalidCheckpointException atLimit = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(frame(new byte[MAX_BODY_BYTES])));
        assertTrue(atLimit.getMessage().startsWith("checkpoint holds an invalid state"), atLimit.getMessage());
        InvalidCheckpointException beyond = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(frame(new byte[MAX_BODY_BYTES + 1])));
        assertEquals("checkpoint body larger than 67108864 bytes", beyond.getMessage());
    }

    @Test
    void aGenomeOfFewerThanTwoBytesIsRefusedBeforeParsingButTwoBytesAreParsed() {
        InvalidCheckpointException one = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(frame(body(entry("1".getBytes(StandardCharsets.UTF_8)), new byte[0]))));
        assertEquals("checkpoint corrupt: population genome 0 of 1 bytes", one.getMessage());
        InvalidCheckpointException two = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(frame(body(entry("{}".getBytes(StandardCharsets.UTF_8)), new byte[0]))));
        assertTrue(two.getMessage().startsWith("checkpoint holds an invalid population genome 0: "), two.getMessage());
    }

    @Test
    void aGenomeOfTheMostJsonBytesIsParsedAndOneByteMoreIsRefusedUnread() {
        int most = (int) GenomeJson.MAX_BYTES;
        byte[] largest = new byte[most];
        Arrays.fill(largest, (byte) ' ');
        largest[0] = '{';
        largest[most - 1] = '}';
        InvalidCheckpointException parsed = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(frame(body(new byte[0], entry(largest)))));
        assertTrue(parsed.getMessage().startsWith("checkpoint holds an invalid hall of fame genome 0: "),
                parsed.getMessage());
        byte[] tooLarge = Arrays.copyOf(largest, most + 1);
        InvalidCheckpointException refused = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.fromBytes(frame(body(new byte[0], entry(tooLarge)))));
        assertEquals("checkpoint corrupt: hall of fame genome 0 of " + (most + 1) + " bytes", refused.getMessage());
    }

    // --- forging ---------------------------------------------------------------------------------------------------

    /** One population or hall entry: length, JSON bytes, qualified, fitness. */
    private static byte[] entry(byte[] json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(json.length);
            out.write(json);
            out.writeBoolean(true);
            out.writeLong(Double.doubleToLongBits(1.0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A body of generation 1 holding one population entry and one hall entry (either may be empty: 0 entries). */
    private static byte[] body(byte[] populationEntry, byte[] hallEntry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(1);
            out.writeLong(1);
            for (long word : new long[] {1, 2, 3, 4}) {
                out.writeLong(word);
            }
            out.writeInt(populationEntry.length == 0 ? 0 : 1);
            out.write(populationEntry);
            out.writeInt(hallEntry.length == 0 ? 0 : 1);
            out.write(hallEntry);
            out.writeLong(0);
            out.writeLong(0);
            out.writeLong(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(byte[] body) {
        Deflater deflater = new Deflater();
        deflater.setInput(body);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A well-framed checkpoint (magic, version, hash, length, checksum) around {@code body}, compressed. */
    private static byte[] frame(byte[] body) {
        return body.length == 0 ? frameCompressed(body) : frameCompressed(deflate(body));
    }

    private static byte[] frameCompressed(byte[] compressed) {
        ByteBuffer frame = ByteBuffer.allocate(FRAME_BYTES + compressed.length);
        frame.put(new byte[] {'S', 'M', 'G', 'A'}).putShort((short) CheckpointCodec.FORMAT_VERSION);
        frame.put(java.util.HexFormat.of().parseHex(SPEC_HASH)).putInt(compressed.length).put(compressed).putInt(0);
        refreshCrc(frame.array());
        return frame.array();
    }

    private static void refreshCrc(byte[] frame) {
        CRC32C crc = new CRC32C();
        crc.update(frame, 0, frame.length - 4);
        ByteBuffer.wrap(frame).putInt(frame.length - 4, (int) crc.getValue());
    }
}
