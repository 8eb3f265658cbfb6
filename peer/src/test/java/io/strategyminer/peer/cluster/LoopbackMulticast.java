package io.strategyminer.peer.cluster;

import io.strategyminer.peer.LoopbackTestSupport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Whether this machine delivers UDP multicast on the loopback interface, which multicast discovery tests need. */
public final class LoopbackMulticast {
    private LoopbackMulticast() {
    }

    /** Sends one datagram to {@code group:port} over loopback and reads it back; empty if that works, else why not. */
    public static Optional<String> whyNot(InetAddress group, int port) {
        try (MulticastSocket socket = new MulticastSocket(port)) {
            NetworkInterface loopback = NetworkInterface.getByInetAddress(LoopbackTestSupport.LOOPBACK);
            socket.setNetworkInterface(loopback);
            socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            socket.joinGroup(new InetSocketAddress(group, port), loopback);
            socket.setSoTimeout(1_000);
            byte[] hello = "sm-multicast-probe".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(hello, hello.length, group, port));
            DatagramPacket received = new DatagramPacket(new byte[64], 64);
            socket.receive(received);
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.of("a datagram sent to " + group.getHostAddress() + " on lo never came back");
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
