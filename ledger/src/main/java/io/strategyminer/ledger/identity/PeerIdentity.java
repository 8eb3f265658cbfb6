package io.strategyminer.ledger.identity;

import io.strategyminer.data.store.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This peer's signing identity: an Ed25519 key pair and the {@link PeerId} derived from its public
 * key. Created on first start in the data dir (file {@value #FILE_NAME}, owner-only permissions
 * where the file system has POSIX permissions) and reused after.
 */
public final class PeerIdentity {
    public static final String FILE_NAME = "peer-identity";
    private static final String HEADER = "# strategy-miner peer identity (Ed25519). Secret: whoever has it can sign as this peer.";
    /** The file holds a PKCS#8 private key and a 32-byte public key; it is never large. */
    private static final long MAX_FILE_BYTES = 4096;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final byte[] rawPublicKey;
    private final PeerId peerId;

    private PeerIdentity(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.rawPublicKey = Ed25519.raw(publicKey);
        this.peerId = PeerId.ofPublicKey(rawPublicKey);
    }

    /** A fresh identity that lives only in memory (tests, simulations). */
    public static PeerIdentity generate() {
        KeyPair pair = Ed25519.generate();
        return new PeerIdentity(pair.getPrivate(), pair.getPublic());
    }

    /**
     * Loads the identity stored in {@code dataDir}, or creates and stores one if there is none.
     * The file is written to a temporary name, synced and moved into place, so a crash never leaves
     * half an identity; if two processes race, the first file moved in wins and both use it.
     */
    public static PeerIdentity loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return load(file);
        }
        OwnerOnly.createDirectories(dataDir);
        PeerIdentity fresh = generate();
        Path tmp = createOwnerOnly(dataDir.resolve(FILE_NAME + ".tmp-" + fresh.peerId.shortHex()));
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(fresh.render().getBytes(StandardCharsets.US_ASCII)));
                channel.force(true); // the ledger's first synced append must never outlive its key
            }
            Files.move(tmp, file); // a rename within the directory; fails rather than replace a racing winner
        } catch (FileAlreadyExistsException e) {
            return load(file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return load(file);
    }

    /** Reads an identity file; every problem names the file and what is wrong. */
    public static PeerIdentity load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": " + size + " bytes is too large for a peer identity");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected key=value");
            }
            fields.put(line.substring(0, eq), line.substring(eq + 1));
        }
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(require(fields, "private", file));
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            PublicKey publicKey = Ed25519.publicKey(HexFormat.of().parseHex(require(fields, "public", file)));
            PeerIdentity identity = new PeerIdentity(privateKey, publicKey);
            identity.checkPair(file);
            return identity;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a valid peer identity: " + e.getMessage(), e);
        }
    }

    public PeerId peerId() {
        return peerId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The raw 32-byte public key as 64 hex characters, the form announced in the ledger. */
    public String publicKeyHex() {
        return HexFormat.of().formatHex(rawPublicKey);
    }

    /** Signs {@code context} followed by the first {@code length} bytes of {@code message}. */
    public byte[] sign(byte[] context, byte[] message, int length) {
        return Ed25519.sign(privateKey, context, message, length);
    }

    @Override
    public String toString() {
        return "peer " + peerId;
    }

    private String render() {
        return HEADER + "\nprivate=" + Base64.getEncoder().encodeToString(privateKey.getEncoded())
                + "\npublic=" + publicKeyHex() + "\n";
    }

    /** A file with a public key from another pair would sign events nobody can verify. */
    private void checkPair(Path file) {
        byte[] probe = "strategy-miner/identity-check".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = sign(new byte[0], probe, probe.length);
        if (!Ed25519.verify(publicKey, new byte[0], probe, probe.length, signature, 0)) {
            throw new IllegalArgumentException(file + ": the public key does not belong to the private key");
        }
    }

    private static String require(Map<String, String> fields, String key, Path file) {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(file + ": missing '" + key + "='");
        }
        return value;
    }

    private static Path createOwnerOnly(Path path) throws IOException {
        Files.deleteIfExists(path);
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createFile(path, PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
        }
        return Files.createFile(path);
    }
}
