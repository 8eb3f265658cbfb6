package io.strategyminer.ledger.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strategyminer.ledger.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The machine a peer runs on, so that the canonical rule can count independent machines rather
 * than processes: 32 lowercase hex characters. Two data dirs on one host get the same machine id.
 *
 * <p>Detection ({@link #detect()}): the operating system's id ({@code /etc/machine-id} or
 * {@code /var/lib/dbus/machine-id}, Linux and most BSDs) hashed with a product-specific prefix so
 * the raw system id is never published; where the system has none (macOS, Windows) a random id is
 * generated once and kept in {@code ~/.config/strategy-miner/machine-id}, outside any data dir.
 * On those systems each OS user counts as a machine, which is the best a process can tell without
 * privileged calls.
 */
public record MachineId(String hex) implements Comparable<MachineId> {
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final int BYTES = 16;
    private static final String DOMAIN = "strategy-miner/machine-id/v1:";
    private static final List<Path> SYSTEM_ID_FILES = List.of(Path.of("/etc/machine-id"),
            Path.of("/var/lib/dbus/machine-id"));
    /** A machine-id file holds a short line; anything longer is not one. */
    private static final long MAX_FILE_BYTES = 1024;

    public MachineId {
        if (hex == null || !HEX32.matcher(hex).matches()) {
            throw new IllegalArgumentException("a machine id is 32 lowercase hex characters, got: " + hex);
        }
    }

    @JsonCreator
    public static MachineId parse(String hex) {
        return new MachineId(hex);
    }

    /** This host's machine id (see the class comment). */
    public static MachineId detect() throws IOException {
        return detect(SYSTEM_ID_FILES,
                Path.of(System.getProperty("user.home"), ".config", "strategy-miner", "machine-id"));
    }

    /**
     * The machine id from the first readable, non-empty system id file, else from (or newly
     * written to) {@code generatedFile}. Tests inject their own paths.
     */
    public static MachineId detect(List<Path> systemIdFiles, Path generatedFile) throws IOException {
        for (Path file : systemIdFiles) {
            String systemId = readSmall(file);
            if (systemId != null && !systemId.isEmpty()) {
                return fromSystemId(systemId);
            }
        }
        String stored = readSmall(generatedFile);
        if (stored == null) {
            Files.createDirectories(generatedFile.toAbsolutePath().getParent());
            byte[] random = new byte[BYTES];
            new SecureRandom().nextBytes(random);
            try {
                Files.writeString(Files.createFile(generatedFile), HexFormat.of().formatHex(random) + "\n");
            } catch (FileAlreadyExistsException racedByAnotherPeer) {
                // another peer of this machine wrote it first: use theirs
            }
            stored = readSmall(generatedFile);
        }
        try {
            return new MachineId(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(generatedFile + ": " + e.getMessage(), e);
        }
    }

    /** The machine id for an operating-system id: a hash, so the system id itself stays private. */
    public static MachineId fromSystemId(String systemId) {
        byte[] digest = Sha256.digest((DOMAIN + systemId.strip()).getBytes(StandardCharsets.UTF_8));
        return new MachineId(HexFormat.of().formatHex(Arrays.copyOf(digest, BYTES)));
    }

    @JsonValue
    @Override
    public String toString() {
        return hex;
    }

    @Override
    public int compareTo(MachineId other) {
        return hex.compareTo(other.hex);
    }

    private static String readSmall(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file) || Files.size(file) > MAX_FILE_BYTES) {
            return null;
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
