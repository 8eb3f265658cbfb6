package io.strategyminer.peer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Heap figures for attack tests: used heap after a full collection (what an attack leaves held), and the
 * peak of the heap pools that take long-lived and large objects (what an attack made the peer allocate at
 * its worst moment: an array of hundreds of megabytes lands there directly). Young-generation pools are left
 * out, since they fill to their size between collections whatever happens.
 */
public final class HeapProbe {
    private static final long MIB = 1024 * 1024;

    private HeapProbe() {
    }

    /** Used heap in bytes after a full collection ({@code System.gc()} runs a full, stop-the-world one). */
    public static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Collects, then starts watching the old-generation peak from what is in use now. */
    public static Peak watchPeak() {
        usedAfterGc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isUsageThresholdSupported())
                .filter(pool -> !pool.getName().contains("Eden") && !pool.getName().contains("Survivor"))
                .toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long baseline = pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        return new Peak(pools, baseline);
    }

    public static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (double) MIB);
    }

    /** Old-generation usage watched since {@link #watchPeak()}. */
    public static final class Peak {
        private final List<MemoryPoolMXBean> pools;
        private final long baseline;

        private Peak(List<MemoryPoolMXBean> pools, long baseline) {
            this.pools = pools;
            this.baseline = baseline;
        }

        /** How far the old generation's peak rose above its usage when watching started. */
        public long rise() {
            return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() - baseline;
        }
    }
}
