package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.stats.TrialStatistics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The binary checkpoint format, version {@value #FORMAT_VERSION}. All integers big-endian.
 * <pre>
 * offset  bytes  field
 * 0       4      magic "SMGA"
 * 4       2      format version
 * 6       32     spec hash (SHA-256, raw)
 * 38      4      length N of the compressed body
 * 42      N      body, DEFLATE-compressed (zlib wrapper)
 * 42+N    4      CRC-32C of bytes [0, 42+N)
 *
 * body:   int32 generation, int64 evaluations, 4 × int64 PRNG state (xoshiro256** s0..s3),
 *         int32 population size, that many entries, int32 hall-of-fame size, that many entries,
 *         trials: int64 trials with a Sharpe ratio, float64 their sum, float64 their sum of squares
 *         (IEEE-754 bits); the trials are the evaluations
 * entry:  int32 length L, L bytes of the genome's canonical JSON (UTF-8),
 *         int8 qualified (0 or 1), int64 fitness value as IEEE-754 bits
 * </pre>
 * Genomes travel as their canonical JSON, which {@link GenomeJson} validates on the way in; compressed,
 * a 40-genome unit's checkpoint is a few kilobytes, whatever the generation. Fitness values and Sharpe sums are raw bits, so they come back exact. Every
 * count is checked against the bytes left before anything is allocated for it.
 */
final class CheckpointCodec {
    static final int FORMAT_VERSION = 2;
    private static final byte[] MAGIC = {'S', 'M', 'G', 'A'};
    private static final int HASH_BYTES = 32;
    private static final int HEADER_BYTES = MAGIC.length + 2 + HASH_BYTES + 4;
    private static final int CRC_BYTES = 4;
    /** Far above any real unit (10,000 genomes of a few hundred bytes); stops a crafted "zip bomb". */
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private CheckpointCodec() {
    }

    static byte[] encode(Checkpoint checkpoint) {
        byte[] body = deflate(body(checkpoint.state()));
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + body.length + CRC_BYTES);
        out.put(MAGIC).putShort((short) FORMAT_VERSION).put(HexFormat.of().parseHex(checkpoint.specHash()))
                .putInt(body.length).put(body);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    private static byte[] body(SearchState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.generation());
            out.writeLong(state.evaluations());
            Xoshiro256.State rng = state.rng();
            out.writeLong(rng.s0());
            out.writeLong(rng.s1());
            out.writeLong(rng.s2());
            out.writeLong(rng.s3());
            writeEntries(out, state.population());
            writeEntries(out, state.hallOfFame());
            writeTrials(out, state.trials());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeEntries(DataOutputStream out, List<Scored> entries) throws IOException {
        out.writeInt(entries.size());
        for (Scored entry : entries) {
            byte[] json = GenomeJson.write(entry.genome()).getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            out.writeBoolean(entry.fitness().qualified());
            out.writeLong(Double.doubleToLongBits(entry.fitness().value()));
        }
    }

    private static void writeTrials(DataOutputStream out, TrialStatistics trials) throws IOException {
        out.writeLong(trials.sharpeCount());
        out.writeLong(Double.doubleToLongBits(trials.sharpeSum()));
        out.writeLong(Double.doubleToLongBits(trials.sharpeSumOfSquares()));
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static Checkpoint decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_BYTES + CRC_BYTES) {
            throw new InvalidCheckpointException("not a checkpoint: " + (bytes == null ? 0 : bytes.length)
                    + " bytes is shorter than the " + (HEADER_BYTES + CRC_BYTES) + "-byte frame (truncated?)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new InvalidCheckpointException("not a checkpoint: it does not start with \"SMGA\"");
        }
        int version = Short.toUnsignedInt(in.getShort());
        if (version != FORMAT_VERSION) {
            throw new InvalidCheckpointException("checkpoint format version " + version
                    + " is not supported; this peer reads version " + FORMAT_VERSION
                    + " (was it written by a different release?)");
        }
        byte[] hash = new byte[HASH_BYTES];
        in.get(hash);
        int bodyLength = in.getInt();
        if (bodyLength < 0 || bodyLength != bytes.length - HEADER_BYTES - CRC_BYTES) {
            throw new InvalidCheckpointException("checkpoint truncated or padded: header announces a "
                    + Integer.toUnsignedString(bodyLength) + "-byte body, "
                    + (bytes.length - HEADER_BYTES - CRC_BYTES) + " bytes are there");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CRC_BYTES);
        int expected = ByteBuffer.wrap(bytes, bytes.length - CRC_BYTES, CRC_BYTES).getInt();
        if ((int) crc.getValue() != expected) {
            throw new InvalidCheckpointException("checkpoint corrupt: checksum mismatch");
        }
        byte[] body = inflate(bytes, HEADER_BYTES, bodyLength);
        return new Checkpoint(HexFormat.of().formatHex(hash), readBody(body));
    }

    private static byte[] inflate(byte[] bytes, int offset, int length) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, offset, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new InvalidCheckpointException("checkpoint corrupt: compressed body ends early");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    throw new InvalidCheckpointException("checkpoint body larger than " + MAX_BODY_BYTES + " bytes");
                }
            }
            if (inflater.getRemaining() != 0) {
                throw new InvalidCheckpointException("checkpoint corrupt: bytes after the compressed body");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new InvalidCheckpointException("checkpoint corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static SearchState readBody(byte[] body) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        try {
            int generation = in.readInt();
            long evaluations = in.readLong();
            Xoshiro256.State rng = new Xoshiro256.State(in.readLong(), in.readLong(), in.readLong(), in.readLong());
            List<Scored> population = readEntries(in, "population", (int) SearchLimits.POPULATION.max());
            List<Scored> hall = readEntries(in, "hall of fame", WorkUnitSpec.MAX_REPORTED);
            long sharpeCount = in.readLong();
            double sharpeSum = Double.longBitsToDouble(in.readLong());
            double sharpeSumOfSquares = Double.longBitsToDouble(in.readLong());
            if (in.available() > 0) {
                throw new InvalidCheckpointException("checkpoint corrupt: " + in.available()
                        + " unexpected bytes after the trial statistics");
            }
            TrialStatistics trials = new TrialStatistics(evaluations, sharpeCount, sharpeSum, sharpeSumOfSquares);
            return new SearchState(generation, rng, population, hall, evaluations, trials);
        } catch (EOFException e) {
            throw new InvalidCheckpointException("checkpoint corrupt: body ends early", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        } catch (InvalidCheckpointException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // A genome, fitness, PRNG state or count the model refuses.
            throw new InvalidCheckpointException("checkpoint holds an invalid state: " + e.getMessage(), e);
        }
    }

    private static List<Scored> readEntries(DataInputStream in, String what, int max) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new InvalidCheckpointException("checkpoint corrupt: " + what + " of " + count + " genomes");
        }
        List<Scored> entries = new ArrayList<>(count);
        Set<Genome> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 2 || length > GenomeJson.MAX_BYTES) {
                throw new InvalidCheckpointException("checkpoint corrupt: " + what + " genome " + i + " of "
                        + length + " bytes");
            }
            byte[] json = new byte[length];
            in.readFully(json);
            Genome genome;
            try {
                genome = GenomeJson.read(new String(json, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new InvalidCheckpointException("checkpoint holds an invalid " + what + " genome " + i + ": "
                        + e.getMessage(), e);
            }
            if (!seen.add(genome)) {
                throw new InvalidCheckpointException("checkpoint corrupt: " + what + " holds " + genome + " twice");
            }
            boolean qualified = in.readBoolean();
            double value = Double.longBitsToDouble(in.readLong());
            entries.add(new Scored(genome, new Fitness(qualified, value)));
        }
        return entries;
    }
}
