package io.strategyminer.ledger.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
    @TempDir
    Path dir;

    @Test
    void anIdentityIsCreatedOnceWithOwnerOnlyPermissionsAndReloaded() throws Exception {
        PeerIdentity created = PeerIdentity.loadOrCreate(dir.resolve("data"));
        Path file = dir.resolve("data").resolve(PeerIdentity.FILE_NAME);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        PeerIdentity reloaded = PeerIdentity.loadOrCreate(dir.resolve("data"));
        assertEquals(created.peerId(), reloaded.peerId());
        assertEquals(created.publicKeyHex(), reloaded.publicKeyHex());
        try (var files = Files.list(dir.resolve("data"))) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void thePeerIdIsTheFirstSixteenBytesOfTheKeyHash() {
        PeerIdentity identity = PeerIdentity.generate();
        byte[] raw = Ed25519.raw(identity.publicKey());
        assertEquals(PeerId.fromBytes(Arrays.copyOf(Sha256.digest(raw), 16)), identity.peerId());
        assertEquals(identity.publicKey(), Ed25519.publicKey(raw));
    }

    @Test
    void aDamagedIdentityFileIsRefusedWithItsName() throws Exception {
        PeerIdentity.loadOrCreate(dir);
        Path file = dir.resolve(PeerIdentity.FILE_NAME);
        String text = Files.readString(file);
        String otherKey = PeerIdentity.generate().publicKeyHex();
        Files.writeString(file, text.replaceAll("public=[0-9a-f]+", "public=" + otherKey));
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () -> PeerIdentity.load(file));
        assertTrue(mismatch.getMessage().contains("does not belong"), mismatch.getMessage());

        Files.writeString(file, "private=bm90IGEga2V5\n");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> PeerIdentity.load(file));
        assertTrue(missing.getMessage().startsWith(file.toString()), missing.getMessage());
    }

    @Test
    void theMachineIdHashesTheSystemIdAndIsSharedByDataDirs() throws Exception {
        Path systemId = Files.writeString(dir.resolve("machine-id"), "0123456789abcdef0123456789abcdef\n");
        MachineId detected = MachineId.detect(List.of(dir.resolve("missing"), systemId), dir.resolve("generated"));
        assertEquals(MachineId.fromSystemId("0123456789abcdef0123456789abcdef"), detected);
        assertNotEquals("0123456789abcdef0123456789abcdef", detected.hex(), "the raw system id is never published");
        assertTrue(Files.notExists(dir.resolve("generated")));
    }

    @Test
    void withoutASystemIdAGeneratedIdIsKeptPerUser() throws Exception {
        Path generated = dir.resolve("home/.config/strategy-miner/machine-id");
        MachineId first = MachineId.detect(List.of(dir.resolve("none")), generated);
        MachineId second = MachineId.detect(List.of(dir.resolve("none")), generated);
        assertEquals(first, second);
        Files.writeString(generated, "garbage");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MachineId.detect(List.of(), generated));
        assertTrue(e.getMessage().startsWith(generated.toString()), e.getMessage());
    }
}
