package io.strategyminer.peer.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A child JVM on this test's class path; its stdout lines are queued as they arrive, stderr is inherited. */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintWriter stdin;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("read failed: " + e);
            }
        }, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -cp <ours> mainClass args...}. */
    public static ChildJvm start(String mainClass, List<String> args) throws IOException {
        return start(mainClass, args, Map.of());
    }

    /** As {@link #start(String, List)}, with extra environment variables (e.g. a secret kept off the command line). */
    public static ChildJvm start(String mainClass, List<String> args, Map<String, String> environment) throws IOException {
        return start(List.of(), mainClass, args, environment);
    }

    /**
     * As {@link #start(String, List, Map)}, run through {@code launcher} (e.g. {@code ip netns exec NAME}, which
     * execs the JVM, so the child process is the JVM itself).
     */
    public static ChildJvm start(List<String> launcher, String mainClass, List<String> args, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start());
    }

    /** The next line matching {@code pattern} (earlier lines are consumed), or fails after {@code seconds}. */
    public Matcher await(Pattern pattern, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("pid " + process.pid() + ": no line matching " + pattern + " within " + seconds + " s");
            }
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
    }

    /** Writes one line to the child's stdin. */
    public void send(String line) {
        stdin.println(line);
    }

    public Process process() {
        return process;
    }

    /** Kills the child at once if it still runs (SIGKILL), waiting at most 10 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
