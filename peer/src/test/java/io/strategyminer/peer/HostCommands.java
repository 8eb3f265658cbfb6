package io.strategyminer.peer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What tests do to the host around the peers they run: commands (ip, nft, mount) and a disk filled up. */
public final class HostCommands {
    private HostCommands() {
    }

    /** Runs {@code command} for at most {@code seconds}; empty if it succeeded, else the command and its output. */
    public static Optional<String> run(List<String> command, long seconds) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(seconds, TimeUnit.SECONDS);
                return Optional.of(String.join(" ", command) + " did not finish within " + seconds + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of(String.join(" ", command) + " failed: " + output);
        } catch (IOException e) {
            return Optional.of("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        }
    }

    /** Appends to {@code filler} until its file system is full; returns it (delete it to free the space). */
    public static Path fillUntilFull(Path filler) throws IOException {
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            byte[] block = new byte[1 << 20];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw full;
            }
        }
        return filler;
    }
}
