package io.strategyminer.peer.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP proxy for one connection that flips one byte of the server → client stream at a
 * given offset: an attacker altering traffic in flight.
 */
final class FlippingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;

    FlippingProxy(InetSocketAddress target, long flipOffset) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                pump(client.getInputStream(), server.getOutputStream(), -1);
                pump(server.getInputStream(), client.getOutputStream(), flipOffset);
            } catch (IOException e) {
                // closed by the test
            }
        }, "flipping-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private static void pump(InputStream in, OutputStream out, long flipOffset) {
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long position = 0;
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (flipOffset >= position && flipOffset < position + n) {
                        buffer[(int) (flipOffset - position)] ^= 0x01;
                    }
                    position += n;
                    out.write(buffer, 0, n);
                    out.flush();
                }
                out.close();
            } catch (IOException e) {
                // one side closed: the session is over
            }
        }, "flipping-proxy-copy");
        copier.setDaemon(true);
        copier.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
