package io.strategyminer.peer.chaos;

import io.strategyminer.peer.cli.PeerCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code peer start} process in its network namespace: {@code ip netns exec NS java … PeerCli start --name pI
 * --data-dir D --port P --bind LAN-ADDRESS --http MANAGEMENT-ADDRESS:8080 --threads 1 [--seeds …]
 * [--rebuild-from-peers]}, with the launcher's memory options. Its stdout and stderr go to {@code pI.out} beside the
 * data dir (appended across restarts). Signals come from {@code kill}: SIGKILL, SIGSTOP/SIGCONT (a laptop's sleep),
 * SIGTERM (Ctrl-C: it leaves the view and closes its ledger).
 */
final class ChaosPeer {
    static final int HTTP_PORT = 8080;
    static final int PORT = 7800;

    final int index;
    final String name;
    final String namespace;
    final String dataAddress;
    final String managementAddress;
    final Path dataDir;
    final Path output;
    private final List<String> seeds;
    private Process process;
    private boolean stopped;
    private String id;

    ChaosPeer(int index, String namespace, String dataAddress, String managementAddress, Path dataDir,
              List<String> seeds) {
        this.index = index;
        this.name = "p" + index;
        this.namespace = namespace;
        this.dataAddress = dataAddress;
        this.managementAddress = managementAddress;
        this.dataDir = dataDir;
        this.output = dataDir.resolveSibling(name + ".out");
        this.seeds = List.copyOf(seeds);
    }

    String url() {
        return "http://" + managementAddress + ":" + HTTP_PORT;
    }

    /** Starts the process (not waiting for it to serve). */
    void start(boolean rebuildFromPeers) throws IOException {
        if (isRunning()) {
            throw new IllegalStateException(name + " is running");
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:MaxDirectMemorySize=64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), PeerCli.class.getName(), "start",
                "--name", name, "--data-dir", dataDir.toString(), "--port", String.valueOf(PORT),
                "--bind", dataAddress, "--http", managementAddress + ":" + HTTP_PORT, "--threads", "1"));
        if (!seeds.isEmpty()) {
            command.addAll(List.of("--seeds", String.join(",", seeds)));
        }
        if (rebuildFromPeers) {
            command.add("--rebuild-from-peers");
        }
        Files.writeString(output, "\n=== start" + (rebuildFromPeers ? " --rebuild-from-peers" : "") + " at "
                + System.currentTimeMillis() + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().put("ROCKSDB_SHAREDLIB_DIR", dataDir.getParent().toString());
        process = builder.start();
        stopped = false;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    boolean isStopped() {
        return stopped;
    }

    Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    String id() {
        return id;
    }

    void id(String id) {
        this.id = id;
    }

    void kill9() throws InterruptedException {
        if (isRunning()) {
            signal("KILL");
            process.waitFor(20, TimeUnit.SECONDS);
        }
        stopped = false;
    }

    /** SIGSTOP: the process freezes as a sleeping laptop's does. */
    void sleep() throws InterruptedException {
        signal("STOP");
        stopped = true;
    }

    void wake() throws InterruptedException {
        signal("CONT");
        stopped = false;
    }

    /** SIGTERM (Ctrl-C), waiting up to 30 s for the peer to leave and close its ledger, then SIGKILL. */
    void terminate() throws InterruptedException {
        if (!isRunning()) {
            return;
        }
        if (stopped) {
            wake();
        }
        signal("TERM");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            System.out.println("chaos: " + name + " did not stop within 30 s of SIGTERM: SIGKILL");
            kill9();
        }
    }

    /** Whatever state it is in, the process is gone when this returns (SIGCONT, then SIGKILL). */
    void destroy() throws InterruptedException {
        if (process != null && process.isAlive()) {
            signal("CONT");
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The process's exit code once it has ended by itself within {@code seconds}, else empty. */
    Optional<Integer> exitWithin(long seconds) throws InterruptedException {
        if (process != null && process.waitFor(seconds, TimeUnit.SECONDS)) {
            return Optional.of(process.exitValue());
        }
        return Optional.empty();
    }

    /** What the process printed, every run. */
    String printed() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void signal(String signal) throws InterruptedException {
        if (process == null) {
            return;
        }
        ChaosNetwork.command(List.of("kill", "-" + signal, String.valueOf(process.pid())));
    }

    @Override
    public String toString() {
        return name + (id == null ? "" : "(" + InvariantChecker.shortId(id) + ")");
    }
}
