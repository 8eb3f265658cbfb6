package io.strategyminer.web;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (never asserts) what the upload attacks (DESIGN §8) cost the server's heap: the peak of the
 * old generation above its level before the attack. A body held whole would show there at its full size
 * (arrays of megabytes are allocated outside the young generation); a streamed one does not. Figures go
 * to web/docs/measurements.md.
 */
@Tag("benchmark")
class UploadMemoryBenchmark {
    private static final long MB = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void heapUnderUploadAttacks() throws Exception {
        calibrate();
        measure("one 62 MB single-line upload, 1 MiB bound", c -> c.withBounds(64 * 1024, 1 << 20), 1, 62 * MB);
        measure("one 62 MB single-line upload, default 64 MiB bound", c -> c, 1, 62 * MB);
        measure("six parallel 60 MB single-line uploads, default bound", c -> c, 6, 60 * MB);
    }

    /** What the measure shows for a body held whole: a 62 MB array kept during the measurement. */
    private static void calibrate() {
        List<MemoryPoolMXBean> old = oldGeneration();
        System.gc();
        old.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = old.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        byte[] held = new byte[(int) (62 * MB)];
        held[held.length - 1] = 1;
        long peak = old.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("calibration, a 62 MB array held: old-generation peak %+.1f MB (%d)%n", (peak - before) / 1e6,
                held[held.length - 1]);
    }

    private static List<MemoryPoolMXBean> oldGeneration() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && !p.getName().contains("Eden")
                        && !p.getName().contains("Survivor"))
                .toList();
    }

    private void measure(String attack, UnaryOperator<WebConfig> config, int uploads, long size) throws Exception {
        Path home = dir.resolve("peer-" + Math.abs(attack.hashCode()));
        try (LoopbackPeer peer = LoopbackPeer.start(home, config)) {
            List<MemoryPoolMXBean> old = oldGeneration();
            System.gc();
            old.forEach(MemoryPoolMXBean::resetPeakUsage);
            long before = old.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                String name = "attack-" + i;
                answers.add(CompletableFuture.supplyAsync(() -> upload(peer, name, size)));
            }
            List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
            long peak = old.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("%s: answers %s, old-generation peak %+.1f MB over %.1f MB before%n", attack, statuses,
                    (peak - before) / 1e6, before / 1e6);
        }
    }

    private static int upload(LoopbackPeer peer, String name, long size) {
        try {
            return peer.uploadOneLine(name, size).status();
        } catch (IOException e) {
            return -1;
        }
    }
}
