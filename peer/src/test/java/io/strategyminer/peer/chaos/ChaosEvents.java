package io.strategyminer.peer.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The server-sent events of every peer ({@code GET /api/events}), each stamped with this JVM's clock when it
 * arrives: lease grants (by whom, to whom, when), unit progress (how far each holder got) and view changes. One
 * reader thread per peer, reconnecting while the peer is down; {@link #close} stops them all. The figures come from
 * these stamps: one clock for every peer.
 */
final class ChaosEvents implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEPT = Set.of("lease_granted", "unit_progress", "view_changed", "checkpoint_saved",
            "strategy_reported");

    /** One event as peer {@code peer} sent it, received at {@code millis} (this JVM's wall clock). */
    record Seen(long millis, String peer, String type, JsonNode data) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Reader> readers = new ArrayList<>();

    void follow(ChaosPeer peer) {
        Reader reader = new Reader(peer);
        readers.add(reader);
        reader.thread.start();
    }

    List<Seen> since(long millis, Predicate<Seen> filter) {
        return seen.stream().filter(s -> s.millis() >= millis && filter.test(s)).toList();
    }

    /** Forgets what arrived before {@code millis} (a soak run keeps only the current round). */
    void forgetBefore(long millis) {
        seen.removeIf(s -> s.millis() < millis);
    }

    @Override
    public void close() throws InterruptedException {
        readers.forEach(Reader::stop);
        for (Reader reader : readers) {
            reader.thread.join(5_000);
        }
    }

    private final class Reader implements Runnable {
        private final ChaosPeer peer;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Socket socket;

        Reader(ChaosPeer peer) {
            this.peer = peer;
            this.thread = new Thread(this, "chaos-events-" + peer.name);
            this.thread.setDaemon(true);
        }

        void stop() {
            running = false;
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing to stop the read: nothing to do
                }
            }
            thread.interrupt();
        }

        @Override
        public void run() {
            while (running) {
                try (Socket s = new Socket()) {
                    socket = s;
                    s.connect(new InetSocketAddress(peer.managementAddress, ChaosPeer.HTTP_PORT), 1_000);
                    s.setSoTimeout(40_000); // HTTP/1.0: a plain stream, no chunks; the heartbeat comes every 15 s
                    OutputStream out = s.getOutputStream();
                    out.write(("GET /api/events HTTP/1.0\r\nHost: " + peer.managementAddress + ":" + ChaosPeer.HTTP_PORT
                            + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    String type = null;
                    for (String line = in.readLine(); line != null && running; line = in.readLine()) {
                        if (line.startsWith("event:")) {
                            type = line.substring(6).strip();
                        } else if (line.startsWith("data:") && type != null && KEPT.contains(type)) {
                            seen.add(new Seen(System.currentTimeMillis(), peer.name, type,
                                    JSON.readTree(line.substring(5))));
                        } else if (line.isEmpty()) {
                            type = null;
                        }
                    }
                } catch (IOException e) {
                    // the peer is down, asleep or restarting: try again
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
