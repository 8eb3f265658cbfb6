package io.strategyminer.peer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer's {@code /api/events} stream read on a background thread into a queue, reconnecting (after
 * {@link #RECONNECT_DELAY}) whenever the stream drops or the peer is briefly away, until closed. Events sent while
 * disconnected are lost, like for any stream client: callers re-read the JSON routes for state and use the
 * events only to learn when to look and to show live progress.
 */
final class EventFeed implements AutoCloseable {
    static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    /** Beyond this many unread events new ones are dropped: the reader is only behind, the JSON routes are the truth. */
    private static final int QUEUE_BOUND = 10_000;

    /**
     * One server-sent event.
     *
     * @param type the event type ({@code lease_granted}, {@code unit_progress}, …)
     * @param id   {@code <origin>-<sequence>} for events stored in the ledger; empty for transient ones
     * @param data the JSON payload
     */
    record ServerEvent(String type, Optional<String> id, JsonNode data) {
    }

    private final PeerApi api;
    private final BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>(QUEUE_BOUND);
    private final Thread reader;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile int connections;

    private EventFeed(PeerApi api) {
        this.api = api;
        this.reader = new Thread(this::readUntilClosed, "event-feed");
        reader.setDaemon(true); // never keeps a finished command's JVM alive
    }

    /** Starts reading the events of the peer behind {@code api}. */
    static EventFeed open(PeerApi api) {
        EventFeed feed = new EventFeed(api);
        feed.reader.start();
        return feed;
    }

    /** The next event, or empty if none arrived within {@code timeout}. */
    Optional<ServerEvent> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** How many times the stream was opened (1 after the first connection; more after drops). */
    int connections() {
        return connections;
    }

    private void readUntilClosed() {
        while (!closed) {
            try (InputStream body = api.openEvents()) {
                current = body;
                connections++;
                read(body);
            } catch (IOException | PeerApiException e) {
                // dropped or not reachable right now: try again shortly, the caller polls the JSON routes meanwhile
            }
            current = null;
            try {
                Thread.sleep(RECONNECT_DELAY.toMillis());
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    /** Parses the text/event-stream format: {@code id:}, {@code event:}, {@code data:} lines, a blank line ends one. */
    private void read(InputStream body) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String type = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    deliver(type, id, data.toString());
                }
                type = "message";
                id = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                type = value(line);
            } else if (line.startsWith("id:")) {
                id = value(line);
            } else if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(value(line));
            } // a line starting with ':' is a heartbeat comment; other fields are ignored, as the format says
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private void deliver(String type, String id, String data) {
        try {
            events.offer(new ServerEvent(type, Optional.ofNullable(id), CliJson.MAPPER.readTree(data)));
        } catch (JsonProcessingException e) {
            // not an event of this API: skip it, the stream goes on
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        InputStream stream = current;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // closing is best effort: the daemon reader ends with the JVM at the latest
            }
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
