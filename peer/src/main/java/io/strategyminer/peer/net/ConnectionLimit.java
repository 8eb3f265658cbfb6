package io.strategyminer.peer.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many connections one listening port holds open at once (DESIGN §8: an outsider cannot exhaust a
 * peer's threads or sockets). Every accepted connection needs a {@link Permit}; over the limit it is closed
 * at once, before anything is read from it or allocated for it. Two bounds: all connections together (what
 * memory and threads a port may cost) and connections from one address (so one host cannot take every slot
 * from the members). Closing a connection returns its permit.
 */
public final class ConnectionLimit {
    /**
     * @param maxConnections    connections open at once, from anywhere
     * @param maxPerAddress     connections open at once from one IP address; a local cluster of up to 9 peers
     *                          on loopback (all from 127.0.0.1) needs room for 8 others and their reconnects
     */
    public record Settings(int maxConnections, int maxPerAddress) {
        /** 64 connections, 16 from one address. */
        public static final Settings DEFAULTS = new Settings(64, 16);

        public Settings {
            if (maxConnections < 1 || maxPerAddress < 1 || maxPerAddress > maxConnections) {
                throw new IllegalArgumentException("connection limits must be positive, per address at most the total: "
                        + maxConnections + " / " + maxPerAddress);
            }
        }
    }

    /** The right to keep one connection open; {@link #close()} returns it (once, however often called). */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final Settings settings;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private int open;

    public ConnectionLimit(Settings settings) {
        this.settings = settings;
    }

    /** A permit for one more connection from {@code from}, or empty (and counted) if a limit is reached. */
    public Optional<Permit> admit(InetAddress from) {
        synchronized (this) {
            int fromThere = perAddress.getOrDefault(from, 0);
            if (open < settings.maxConnections() && fromThere < settings.maxPerAddress()) {
                open++;
                perAddress.put(from, fromThere + 1);
                return Optional.of(new Released(from));
            }
        }
        refused.incrementAndGet();
        return Optional.empty();
    }

    /** Connections holding a permit now. */
    public synchronized int open() {
        return open;
    }

    /** Connections refused so far because a limit was reached. */
    public long refused() {
        return refused.get();
    }

    public Settings settings() {
        return settings;
    }

    private synchronized void release(InetAddress from) {
        open--;
        perAddress.computeIfPresent(from, (address, count) -> count == 1 ? null : count - 1);
    }

    private final class Released implements Permit {
        private final InetAddress from;
        private final AtomicBoolean returned = new AtomicBoolean();

        private Released(InetAddress from) {
            this.from = from;
        }

        @Override
        public void close() {
            if (returned.compareAndSet(false, true)) {
                release(from);
            }
        }
    }
}
