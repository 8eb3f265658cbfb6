package io.strategyminer.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a raw socket, for requests no well-behaved client sends: any method, any
 * {@code Host} or none, any header and body bytes. Keeps its connection while the server does; answers of
 * the event stream are read up to their headers and the connection dropped.
 */
final class RawHttp implements AutoCloseable {
    private static final int MAX_BODY = 16 << 20;

    /** An answer: status, headers (names lower case, last value wins) and body. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final InetSocketAddress server;
    private final Duration timeout;
    private Socket socket;
    private InputStream in;

    RawHttp(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    /** The request line, headers (each "Name: value") and body, as bytes. */
    static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    /**
     * Sends one request and reads its answer, on the kept connection if there is one; when the server had
     * closed that one meanwhile (idle timeout: the answer's first byte never comes), once more on a new one.
     */
    Response send(byte[] request, boolean head) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(request, head);
        } catch (ClosedBeforeAnswer e) {
            if (!reused) {
                throw e;
            }
            return exchange(request, head);
        }
    }

    private Response exchange(byte[] request, boolean head) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            try {
                socket.getOutputStream().write(request);
            } catch (IOException e) {
                throw new ClosedBeforeAnswer(e.toString());
            }
            Response response = read(head);
            String connection = response.header("connection");
            if ((connection != null && connection.equalsIgnoreCase("close"))
                    || "text/event-stream".equals(mediaType(response))) {
                close();
            }
            return response;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The connection ended before the first byte of an answer. */
    static final class ClosedBeforeAnswer extends IOException {
        ClosedBeforeAnswer(String message) {
            super(message);
        }
    }

    /**
     * Sends a request whose bytes {@code writer} produces (a streaming body) on a new connection, reading the
     * answer while it is still being sent: a server that refuses a body answers and closes before its end.
     */
    Response send(RequestWriter writer) throws IOException {
        close();
        connect();
        Socket connection = socket;
        Thread sender = new Thread(() -> {
            try {
                writer.write(connection.getOutputStream());
            } catch (IOException cutOff) {
                // the server answered and closed while the body was still being sent
            }
        }, "raw-http-sender");
        sender.setDaemon(true);
        sender.start();
        try {
            return read(false);
        } finally {
            close(); // ends the sender too: its next write fails
            try {
                sender.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes a request to a socket's stream. */
    @FunctionalInterface
    interface RequestWriter {
        void write(OutputStream out) throws IOException;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that is gone already
            }
        }
        socket = null;
        in = null;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.connect(server, (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        in = socket.getInputStream();
    }

    private Response read(boolean head) throws IOException {
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException noAnswer) {
            throw noAnswer;
        } catch (IOException reset) {
            throw new ClosedBeforeAnswer(reset.toString());
        }
        if (first < 0) {
            throw new ClosedBeforeAnswer("end of stream");
        }
        String statusLine = (char) first + line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; !(line = line()).isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        Response bare = new Response(status, headers, "");
        if (head || status == 204 || status == 304 || "text/event-stream".equals(mediaType(bare))) {
            return bare;
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = exactly(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else {
            body = untilClose();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String mediaType(Response response) {
        String type = response.header("content-type");
        return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line().split(";", 2)[0].strip(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY) {
                throw new IOException("an answer over " + MAX_BODY + " bytes");
            }
            body.writeBytes(exactly(size));
            line();
        }
    }

    private byte[] exactly(int length) throws IOException {
        if (length > MAX_BODY) {
            throw new IOException("an answer of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("the connection closed " + (length - bytes.length)
                    + " bytes before the answer's end");
        }
        return bytes;
    }

    private byte[] untilClose() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            body.write(buffer, 0, n);
            if (body.size() > MAX_BODY) {
                throw new IOException("an answer over " + MAX_BODY + " bytes");
            }
        }
        close();
        return body.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the connection closed in the middle of an answer");
            }
            if (line.size() > 65_536) {
                throw new IOException("an answer line over 64 KiB");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Whether the server closed {@code socket} (end of stream or reset) before {@code deadline}. */
    static boolean closedByServer(Socket socket, long deadlineNanos) throws IOException {
        InputStream stream = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadlineNanos) {
            socket.setSoTimeout((int) Math.max(1, Math.min(1_000, (deadlineNanos - System.nanoTime()) / 1_000_000)));
            try {
                if (stream.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // keep waiting until the deadline
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}
