package io.strategyminer.peer.cluster;

import io.strategyminer.peer.security.ClusterSecret;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.auth.AuthToken;
import org.jgroups.util.UUID;

/**
 * JGroups AUTH token proving knowledge of the cluster secret without sending it: the proof is
 * HMAC-SHA256(key, context ‖ sender address) with a key derived from the secret for "jgroups-auth". Binding
 * the proof to the sender's address means a proof seen once cannot be replayed from another address.
 * JGroups 5 ships no shared-secret token, hence this class (DESIGN §8).
 *
 * <p>JGroups creates received tokens by reflection with the public no-argument constructor; they carry
 * only a proof. The local token, made with {@link #SecretProofToken(ClusterSecret)}, holds the key and
 * checks received proofs against the sender address of the message that carried them.
 */
public final class SecretProofToken extends AuthToken {
    static final String KEY_PURPOSE = "jgroups-auth";
    private static final int PROOF_BYTES = 32;
    private static final byte[] CONTEXT = "strategy-miner/jgroups-join/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;
    private byte[] proof;

    /** For JGroups' deserialization of a received token. */
    public SecretProofToken() {
        this.key = null;
    }

    SecretProofToken(ClusterSecret secret) {
        this.key = secret.deriveKey(KEY_PURPOSE, 32);
    }

    @Override
    public String getName() {
        return "strategy-miner shared-secret proof";
    }

    @Override
    public int size() {
        return PROOF_BYTES;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        if (key == null || auth == null || auth.getAddress() == null) {
            throw new IOException("only the local token of a started channel can prove the secret");
        }
        out.write(proofFor(auth.getAddress()));
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        byte[] received = new byte[PROOF_BYTES];
        in.readFully(received);
        this.proof = received;
    }

    @Override
    public boolean authenticate(AuthToken token, Message message) {
        if (key == null || !(token instanceof SecretProofToken) || message.getSrc() == null) {
            return false;
        }
        byte[] presented = ((SecretProofToken) token).presentedProof(message.getSrc());
        return presented != null && MessageDigest.isEqual(proofFor(message.getSrc()), presented);
    }

    /**
     * The proof this token presents for {@code sender}: the one read from the wire, or, for a token that
     * never left its process (a message a member sends to itself, e.g. the merge leader's own merge
     * request, carries the local instance itself), the one it would have written.
     */
    private byte[] presentedProof(Address sender) {
        if (proof != null) {
            return proof;
        }
        return key == null ? null : proofFor(sender);
    }

    private byte[] proofFor(Address sender) {
        // The long UUID form is the same on every peer; toString() may print a cached logical name instead.
        String id = sender instanceof UUID ? ((UUID) sender).toStringLong() : sender.toString();
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(CONTEXT);
            return hmac.doFinal(id.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "SecretProofToken[proof hidden]";
    }
}
