package io.strategyminer.peer.cluster;

import org.jgroups.blocks.cs.NioServer;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FD_SOCK2;

/**
 * FD_SOCK2 (a member notices a killed neighbour by its TCP connection closing) on a {@link GuardedNioServer}:
 * sealed and bounded frames, bounded connections, unproven connections closed. Proven connections stay open
 * by design — that is how this failure detector works — bounded by the connection limit; TCP keepalive
 * probes close one whose other end vanished without closing it.
 */
final class GuardedFdSock extends FD_SOCK2 {
    private final ClusterGuards guards;

    GuardedFdSock(ClusterGuards guards) {
        this.guards = guards;
        setId(ClassConfigurator.getProtocolId(FD_SOCK2.class)); // headers keep FD_SOCK2's protocol id on the wire
    }

    /** FD_SOCK2 tries its ports one by one; ours are exact (port range 0), so this is one port. */
    @Override
    protected NioServer createServer(int[] bindPorts) {
        Exception last = null;
        for (int port : bindPorts) {
            try {
                return new GuardedNioServer(getThreadFactory(), getSocketFactory(), bind_addr, port, port, guards,
                        guards.failureDetection, getTransport().getTimer());
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("cannot listen for failure detection on port "
                + java.util.Arrays.toString(bindPorts) + ": " + (last == null ? "no port" : last.getMessage()), last);
    }
}
