package io.strategyminer.peer.cluster;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Collection;
import org.jgroups.Address;
import org.jgroups.PhysicalAddress;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.BasicTCP;
import org.jgroups.protocols.TCP_NIO2;
import org.jgroups.stack.DiagnosticsHandler;

/**
 * The JGroups transport with seeds (VPN): JGroups' TCP_NIO2 on a {@link GuardedNioServer}. JGroups' blocking
 * TCP transport cannot be bounded by configuration: it starts a thread for every accepted connection, reads a
 * new connection's opening bytes on its single accepting thread (so each silent connection stalls every
 * other for a second), and parses frames straight from the socket, allocating whatever their inner length
 * fields announce. TCP_NIO2 reads every connection on one selector thread without blocking, but builds its
 * server inside {@code start()}, hence this copy of its few lines with our server in its place. Besides the
 * server's limits, a connection on which nothing arrives or leaves for the idle timeout is closed (JGroups'
 * connection reaper); members never idle that long, since each sends a heartbeat every few seconds (FD_ALL3),
 * and a closed connection is opened again on the next send. JGroups' diagnostics listener is switched off.
 */
final class GuardedTcp extends BasicTCP {
    private final ClusterGuards guards;
    private GuardedNioServer server;

    /** @param idleTimeout connections idle this long are closed */
    GuardedTcp(ClusterGuards guards, Duration idleTimeout) {
        this.guards = guards;
        setId(ClassConfigurator.getProtocolId(TCP_NIO2.class)); // headers keep TCP_NIO2's protocol id on the wire
        setMaxLength(guards.transport.maxFrameBytes());
        setConnExpireTime(idleTimeout.toMillis());
        setReaperInterval(Math.max(500, idleTimeout.toMillis() / 6));
    }

    @Override
    public void start() throws Exception {
        server = new GuardedNioServer(getThreadFactory(), getSocketFactory(), bind_addr, bind_port,
                bind_port + port_range, guards, guards.transport, getTimer());
        server.receiver(this)
                .timeService(time_service)
                .socketConnectionTimeout(sock_conn_timeout)
                .tcpNodelay(tcp_nodelay).linger(linger)
                .clientBindAddress(client_bind_addr).clientBindPort(client_bind_port)
                .deferClientBinding(defer_client_bind_addr)
                .log(log).logDetails(log_details)
                .addConnectionListener(this);
        server.connExpireTimeout(conn_expire_time).reaperInterval(reaper_interval);
        super.start();
    }

    @Override
    public void stop() {
        handleDisconnect();
        super.stop();
    }

    @Override
    protected void handleConnect() throws Exception {
        server.start();
    }

    /** Also called when {@code start()} failed (the port was taken) and there is no server. */
    @Override
    protected void handleDisconnect() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    public void send(Address dest, byte[] data, int offset, int length) throws Exception {
        if (server == null) {
            return;
        }
        try {
            server.send(dest, data, offset, length);
        } catch (ClosedChannelException | CancelledKeyException e) {
            // the connection closed while sending: the reliable layers above retransmit
        }
    }

    @Override
    public void retainAll(Collection<Address> members) {
        if (server != null) {
            server.retainAll(members);
        }
    }

    @Override
    public String printConnections() {
        return server == null ? "" : server.printConnections();
    }

    @Override
    protected PhysicalAddress getPhysicalAddress() {
        return server == null ? null : (PhysicalAddress) server.localAddress();
    }

    @Override
    protected DiagnosticsHandler createDiagnosticsHandler() {
        return super.createDiagnosticsHandler().setEnabled(false);
    }
}
