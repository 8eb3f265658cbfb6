package io.strategyminer.peer.cluster;

import io.strategyminer.peer.net.ConnectionLimit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.jgroups.Address;
import org.jgroups.Global;
import org.jgroups.blocks.cs.NioBaseServer;
import org.jgroups.blocks.cs.NioConnection;
import org.jgroups.nio.Buffers;

/**
 * A connection of a {@link GuardedNioServer} whose frames carry its port's {@link FrameSeal}. The read path
 * is JGroups' own ({@code NioConnection._read}) with two changes: each frame's seal is checked before the
 * frame is handed on (a wrong one ends the connection, nothing in it parsed), and an accepted connection is
 * entered in the server's table under the address its opening bytes claim only once a sealed frame proved
 * the secret — so an outsider who claims a member's address cannot displace that member's connection.
 */
final class SealedNioConnection extends NioConnection {
    /** An established connection whose other end vanished (no FIN) is noticed after about 30 + 3 × 10 s. */
    private static final Duration KEEPALIVE_IDLE = Duration.ofSeconds(30);
    private static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(10);
    private static final int KEEPALIVE_PROBES = 3;

    private final ClusterGuards guards;
    private final ClusterGuards.Port port;
    private final ConnectionLimit.Permit permit;
    private final long openedNanos = System.nanoTime();
    private final Object remote;
    private Address claimed;
    private volatile boolean proven;

    /** A connection accepted by this peer's server: unproven until a sealed frame arrives. */
    SealedNioConnection(SocketChannel channel, NioBaseServer server, ClusterGuards guards, ClusterGuards.Port port,
                        ConnectionLimit.Permit permit) throws Exception {
        super(channel, server);
        this.guards = guards;
        this.port = port;
        this.permit = permit;
        this.remote = channel.getRemoteAddress();
        probeForVanishedPeer(channel);
    }

    /** A connection this peer opens to a member it chose: nothing to prove. */
    SealedNioConnection(Address destination, NioBaseServer server, ClusterGuards guards, ClusterGuards.Port port)
            throws Exception {
        super(destination, server);
        this.guards = guards;
        this.port = port;
        this.permit = () -> { };
        this.remote = destination;
        this.proven = true;
    }

    boolean proven() {
        return proven;
    }

    Duration age() {
        return Duration.ofNanos(System.nanoTime() - openedNanos);
    }

    Object remote() {
        return remote;
    }

    @Override
    public void send(byte[] buf, int offset, int length) throws Exception {
        byte[] sealed = port.seal().seal(buf, offset, length);
        super.send(sealed, 0, sealed.length);
    }

    @Override
    protected boolean _read() throws Exception {
        if (peer_addr == null && claimed == null) {
            claimed = readPeerAddress(); // the opening bytes: cookie, version, address (bounded by JGroups)
            if (claimed == null) {
                return false;
            }
            recv_buf = new Buffers(2).add(ByteBuffer.allocate(Global.INT_SIZE), null).maxLength(port.maxFrameBytes());
            return true;
        }
        ByteBuffer frame = recv_buf.readLengthAndData(channel); // refuses a length over the maximum unallocated
        if (frame == null) {
            return false;
        }
        byte[] bytes = frame.array();
        int offset = frame.arrayOffset() + frame.position();
        int content = guards.open(port, remote, bytes, offset, frame.remaining());
        if (content < 0) {
            throw new IOException("unsealed frame on the " + port.name() + " port from " + remote
                    + ": connection closed");
        }
        if (!proven) {
            proven = true;
            peer_addr = claimed;
            server.addConnection(peer_addr, this);
        }
        server.receiver().receive(peer_addr, bytes, offset, content);
        return true;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            permit.close();
        }
    }

    private static void probeForVanishedPeer(SocketChannel channel) {
        try {
            channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, (int) KEEPALIVE_IDLE.toSeconds());
            channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, (int) KEEPALIVE_INTERVAL.toSeconds());
            channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
        } catch (IOException | UnsupportedOperationException e) {
            // this platform keeps its default probe times; the connection limit still bounds what lingers
        }
    }
}
