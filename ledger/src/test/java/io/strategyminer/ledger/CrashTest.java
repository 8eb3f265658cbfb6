package io.strategyminer.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL while it appends, several times at random moments, and checks
 * after each kill that the reopened ledger verifies (opening checks every chain link) and holds
 * every event and blob the child acknowledged, byte for byte.
 */
class CrashTest {
    private static final int ROUNDS = 5;
    private static final long ROUND_DEADLINE_MS = 20_000;

    @TempDir
    Path root;
    private Path dataDir;

    record Ack(long sequence, Sha256 event, Sha256 blob) {
    }

    @Test
    void everyAcknowledgedEventSurvivesSigkill() throws Exception {
        dataDir = root.resolve("peer");
        Random random = new Random(20_26);
        List<Ack> acknowledged = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Path stderr = root.resolve("child-" + round + ".err");
            List<Ack> acks = runAndKill(1 + random.nextInt(150), random.nextInt(40), stderr);
            assertTrue(acks.size() > 0, "round " + round + ": the child acknowledged nothing; its stderr:\n"
                    + Files.readString(stderr));
            acknowledged.addAll(acks);

            PeerIdentity identity = PeerIdentity.loadOrCreate(dataDir);
            try (Ledger ledger = Ledger.open(dataDir.resolve("ledger"), identity)) {
                PeerId self = identity.peerId();
                long stored = ledger.versionVector().get(self);
                Ack last = acknowledged.get(acknowledged.size() - 1);
                assertTrue(stored >= last.sequence(), "round " + round + ": stored through " + stored
                        + " but " + last.sequence() + " was acknowledged");
                for (Ack ack : acknowledged) {
                    Event event = ledger.event(self, ack.sequence()).orElseThrow();
                    assertEquals(ack.event(), event.hash(), "event " + ack.sequence());
                    if (!ack.blob().equals(Sha256.ZERO)) {
                        assertEquals(ack.blob(), Sha256.of(ledger.blob(ack.blob()).orElseThrow()),
                                "blob of event " + ack.sequence());
                    }
                }
                assertEquals(stored, ledger.stats().events(), "no event beyond the chain head");
                // stored may exceed the last acknowledgement: the append finished, the kill came before the print
                System.out.printf("crash round %d: killed after %d acknowledgements, reopened with %d events%n",
                        round, acks.size(), stored);
            }
        }
        assertEquals(acknowledged.size(), acknowledged.stream().mapToLong(Ack::sequence).distinct().count());
    }

    /** Starts the child, waits for some acknowledgements and a short random delay, then kills it. */
    private List<Ack> runAndKill(int acksBeforeKill, int extraDelayMs, Path stderr)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dataDir.toString())
                .redirectError(stderr.toFile());
        // a killed JVM never deletes the native library RocksDB extracts: extract it into this test's temp dir
        builder.environment().put("ROCKSDB_SHAREDLIB_DIR", root.toString());
        Process child = builder.start();
        List<Ack> acks = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> read(child, acks), "crash-child-reader");
        reader.start();
        long deadline = System.currentTimeMillis() + ROUND_DEADLINE_MS;
        while (child.isAlive() && acks.size() < acksBeforeKill && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        Thread.sleep(extraDelayMs);
        child.destroyForcibly(); // SIGKILL on Linux and macOS
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child did not die");
        reader.join(10_000);
        assertTrue(!child.isAlive() && child.exitValue() != 0, "the child was killed, it did not exit");
        return acks;
    }

    private static void read(Process child, List<Ack> acks) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split(" ");
                // a line cut by the kill has fewer parts or a short hash: it was never fully acknowledged
                if (parts.length == 4 && parts[0].equals("ACK") && parts[3].length() == 64) {
                    acks.add(new Ack(Long.parseLong(parts[1]), Sha256.parse(parts[2]), Sha256.parse(parts[3])));
                }
            }
        } catch (IOException e) {
            // the pipe breaks when the child dies
        }
    }
}
