package io.strategyminer.peer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * A raw TCP client for attack tests: connects from a chosen local address (127.0.0.2 and up act as other
 * hosts on loopback, so an attacker does not share its address with the honest members on 127.0.0.1),
 * writes whatever bytes it is given, and tells whether the peer has closed or reset the connection.
 */
public final class HostileSocket implements AutoCloseable {
    private final Socket socket;

    private HostileSocket(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects from {@code from} (any free port) to {@code to}, within 5 s. A peer that resets the connection
     * as soon as it accepts it can do so before {@code connect} returns: the socket is then returned closed.
     */
    public static HostileSocket connect(InetAddress from, InetSocketAddress to) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(to, 5_000);
        } catch (SocketException e) {
            if (!String.valueOf(e.getMessage()).contains("reset")) {
                socket.close();
                throw e;
            }
            socket.close();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new HostileSocket(socket);
    }

    /** 127.0.0.{@code lastByte}: another host on the loopback interface. */
    public static InetAddress loopbackHost(int lastByte) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastByte});
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Writes {@code bytes}; false if the peer already closed the connection. */
    public boolean send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the peer closed or reset the connection: reads (and discards whatever the peer sends) for up
     * to {@code wait}; true as soon as the stream ends or the connection is reset.
     */
    public boolean closedByPeerWithin(Duration wait) {
        return socket.isClosed() || readUntil(wait) < 0;
    }

    /** How many bytes the peer sent on this connection within {@code wait} (until it closed, if it did). */
    public int bytesReceivedWithin(Duration wait) {
        int result = readUntil(wait);
        return result >= 0 ? result : -1 - result;
    }

    /**
     * Reads for {@code wait} (at least one attempt): the number of bytes read if the connection is still open
     * then, or -1 - that number if the peer closed or reset it.
     */
    private int readUntil(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] sink = new byte[4096];
        int received = 0;
        try {
            InputStream in = socket.getInputStream();
            do {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    int n = in.read(sink);
                    if (n < 0) {
                        return -1 - received;
                    }
                    received += n;
                } catch (SocketTimeoutException e) {
                    // nothing more within the wait
                }
            } while (System.nanoTime() < deadline);
            return received;
        } catch (IOException e) {
            return -1 - received; // reset by the peer
        }
    }

    /** A 4-byte big-endian length, as the peer's TCP listeners frame messages, whether the bytes follow or not. */
    public static byte[] lengthPrefix(int length) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(length).array();
    }

    /** {@code body} behind its {@link #lengthPrefix}. */
    public static byte[] frame(byte[] body) {
        return concat(lengthPrefix(body.length), body);
    }

    public static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
