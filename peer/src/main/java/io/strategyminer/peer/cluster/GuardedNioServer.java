package io.strategyminer.peer.cluster;

import io.strategyminer.peer.net.ConnectionLimit;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.blocks.cs.NioConnection;
import org.jgroups.blocks.cs.NioServer;
import org.jgroups.util.SocketFactory;
import org.jgroups.util.ThreadFactory;
import org.jgroups.util.TimeScheduler;
import org.jgroups.util.Util;

/**
 * A JGroups TCP listener with limits before allocation (DESIGN §8), for the JGroups port with seeds
 * ({@link GuardedTcp}) and the failure-detection port ({@link GuardedFdSock}). It is JGroups' {@link NioServer}
 * — one selector thread for every connection, opening bytes read without blocking — whose connections are
 * {@link SealedNioConnection}s, and which
 * <ul>
 *   <li>accepts at most what the port's {@link ConnectionLimit} allows: a connection over it is reset at once;</li>
 *   <li>reads no frame longer than the port's maximum (JGroups' {@code max_length}, checked on the length
 *       prefix before the buffer is allocated);</li>
 *   <li>closes an accepted connection that has not delivered a sealed frame within
 *       {@link ClusterGuards#PROOF_TIMEOUT} (checked every second on JGroups' timer). JGroups alone keeps such a
 *       connection — silent, or sending its opening bytes and nothing more — until the other side closes it.</li>
 * </ul>
 */
final class GuardedNioServer extends NioServer {
    private static final long SWEEP_MILLIS = 1_000;

    private final ClusterGuards guards;
    private final ClusterGuards.Port port;
    private final TimeScheduler timer;
    private final Set<SealedNioConnection> unproven = ConcurrentHashMap.newKeySet();
    private Future<?> sweep;

    /** Listens on the first free port of {@code [firstPort, lastPort]}; {@link #start()} starts accepting. */
    GuardedNioServer(ThreadFactory threads, SocketFactory sockets, InetAddress bindAddress, int firstPort, int lastPort,
                     ClusterGuards guards, ClusterGuards.Port port, TimeScheduler timer) throws Exception {
        super(threads, sockets, bindAddress, firstPort, lastPort, null, 0, 0, "strategy-miner." + port.name());
        this.guards = guards;
        this.port = port;
        this.timer = timer;
        setMaxLength(port.maxFrameBytes());
        usePeerConnections(true);
    }

    @Override
    public synchronized void start() throws Exception {
        super.start();
        if (sweep == null) {
            sweep = timer.scheduleWithFixedDelay(this::closeUnproven, SWEEP_MILLIS, SWEEP_MILLIS,
                    TimeUnit.MILLISECONDS, false);
        }
    }

    @Override
    protected void handleAccept(SelectionKey key) throws Exception {
        SocketChannel accepted = channel.accept();
        if (accepted == null) {
            return;
        }
        InetAddress from = ((InetSocketAddress) accepted.getRemoteAddress()).getAddress();
        Optional<ConnectionLimit.Permit> permit = port.connections().admit(from);
        if (permit.isEmpty()) {
            guards.connectionRefused(port, from);
            accepted.setOption(StandardSocketOptions.SO_LINGER, 0);
            Util.close(accepted);
            return;
        }
        SealedNioConnection connection;
        try {
            connection = new SealedNioConnection(accepted, this, guards, port, permit.get());
        } catch (Exception e) {
            Util.close(accepted);
            permit.get().close();
            throw e;
        }
        unproven.add(connection);
        connection.key(accepted.register(selector, SelectionKey.OP_READ, connection));
    }

    @Override
    protected NioConnection createConnection(Address destination) throws Exception {
        return new SealedNioConnection(destination, this, guards, port).copyOnPartialWrite(copy_on_partial_write);
    }

    /** Closes accepted connections that did not prove the secret in time, and forgets proven or closed ones. */
    void closeUnproven() {
        for (SealedNioConnection connection : unproven) {
            if (connection.isClosed() || connection.proven()) {
                unproven.remove(connection);
            } else if (connection.age().compareTo(ClusterGuards.PROOF_TIMEOUT) > 0) {
                unproven.remove(connection);
                guards.unprovenClosed(port, connection.remote());
                Util.close(connection);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
        super.stop();
        unproven.forEach(Util::close); // not in the connection table yet, so the server's stop does not know them
        unproven.clear();
    }
}
