package io.strategyminer.consensus.sim;

import io.strategyminer.ledger.identity.PeerIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic Ed25519 identities for simulated peers: peer {@code i} always gets the same key,
 * so peer ids (which order facts in the ledger state) and signatures (Ed25519 signing is
 * deterministic) are the same in every replay of a seed.
 *
 * <p>{@link PeerIdentity} only generates random keys or loads its identity file, so a key pair is
 * generated from a fixed byte stream and loaded through a temporary identity file once per index
 * and JVM (a ledger-side {@code PeerIdentity.fromSeed} would avoid the file; see the README).
 */
final class SimIdentities {
    private static final List<PeerIdentity> CACHE = new ArrayList<>();

    private SimIdentities() {
    }

    static synchronized PeerIdentity of(int index) {
        while (CACHE.size() <= index) {
            CACHE.add(create(CACHE.size()));
        }
        return CACHE.get(index);
    }

    private static PeerIdentity create(int index) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(0x5EED_0000L + index));
            KeyPair pair = generator.generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] raw = java.util.Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            String file = "private=" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                    + "\npublic=" + HexFormat.of().formatHex(raw) + "\n";
            Path dir = Files.createTempDirectory("sm-sim-identity");
            Path path = dir.resolve(PeerIdentity.FILE_NAME);
            try {
                Files.writeString(path, file, StandardCharsets.US_ASCII);
                return PeerIdentity.load(path);
            } finally {
                Files.deleteIfExists(path);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** Bytes from SplitMix64: the key generator's only randomness. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient SplitMix64 random;

        FixedRandom(long seed) {
            this.random = new SplitMix64(seed);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextLong();
            }
        }
    }
}
