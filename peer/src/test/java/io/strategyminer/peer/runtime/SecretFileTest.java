package io.strategyminer.peer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    @Test
    void storesOwnerOnlyAndReadsBackTheSameSecret() throws IOException {
        assertEquals(Optional.empty(), SecretFile.load(dir));
        ClusterSecret first = ClusterSecret.generate(new SecureRandom());
        SecretFile.store(dir, first);
        assertTrue(SecretFile.load(dir).orElseThrow().sameAs(first));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(SecretFile.in(dir))));
        ClusterSecret second = ClusterSecret.generate(new SecureRandom());
        SecretFile.store(dir, second); // --join another cluster replaces it
        assertTrue(SecretFile.load(dir).orElseThrow().sameAs(second));
    }

    @Test
    void aDamagedFileIsAClearError() throws IOException {
        Files.writeString(SecretFile.in(dir), "not a secret");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretFile.load(dir));
        assertTrue(e.getMessage().contains(SecretFile.FILE_NAME) && e.getMessage().contains("--join"), e.getMessage());
    }
}
