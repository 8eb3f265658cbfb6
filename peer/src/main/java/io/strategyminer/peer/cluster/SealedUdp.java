package io.strategyminer.peer.cluster;

import org.jgroups.Address;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.UDP;
import org.jgroups.stack.DiagnosticsHandler;

/**
 * The LAN transport: JGroups' UDP, with every datagram sealed ({@link FrameSeal}) on the way out and checked
 * on the way in before JGroups parses it. A datagram holds at most 64 KiB, JGroups receives into one fixed
 * buffer per socket, so a datagram without a valid seal — spoofed, random, to the unicast port or the
 * multicast group — costs one HMAC and nothing else. JGroups' diagnostics listener (a second multicast
 * socket that answers probes and can change settings) is switched off.
 */
final class SealedUdp extends UDP {
    private final ClusterGuards guards;

    SealedUdp(ClusterGuards guards) {
        this.guards = guards;
        setId(ClassConfigurator.getProtocolId(UDP.class)); // headers keep UDP's protocol id on the wire
    }

    @Override
    public void doSend(byte[] buf, int offset, int length, Address dest) throws Exception {
        byte[] sealed = guards.transport.seal().seal(buf, offset, length);
        super.doSend(sealed, 0, sealed.length, dest);
    }

    @Override
    public void receive(Address sender, byte[] data, int offset, int length) {
        int content = guards.open(guards.transport, sender, data, offset, length);
        if (content >= 0) {
            super.receive(sender, data, offset, content);
        }
    }

    @Override
    protected DiagnosticsHandler createDiagnosticsHandler() {
        return super.createDiagnosticsHandler().setEnabled(false);
    }
}
