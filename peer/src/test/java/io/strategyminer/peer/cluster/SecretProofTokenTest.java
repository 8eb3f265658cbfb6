package io.strategyminer.peer.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.security.ClusterSecret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.protocols.AUTH;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** The AUTH token on its own (the cluster tests cannot reach it: encryption stops strangers first). */
class SecretProofTokenTest {
    private final ClusterSecret secret = ClusterTestSupport.newSecret();

    /** What a joining member at {@code sender} puts on the wire, as the receiving side reads it back. */
    private static SecretProofToken sentBy(ClusterSecret secret, Address sender) throws IOException {
        AUTH auth = new AUTH();
        auth.setAddress(sender);
        SecretProofToken local = new SecretProofToken(secret);
        local.setAuth(auth);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        local.writeTo(new DataOutputStream(bytes));
        assertEquals(local.size(), bytes.size());
        SecretProofToken received = new SecretProofToken();
        received.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return received;
    }

    @Test
    void acceptsAProofOfTheSameSecretFromItsSender() throws IOException {
        Address joiner = UUID.randomUUID();
        SecretProofToken coordinator = new SecretProofToken(secret);
        assertTrue(coordinator.authenticate(sentBy(secret, joiner), new BytesMessage().setSrc(joiner)));
    }

    @Test
    void acceptsItsOwnInstanceOnAMessageThatNeverLeftTheProcess() {
        // A merge leader sends its merge request to itself too: the header then holds the local token.
        Address leader = UUID.randomUUID();
        SecretProofToken local = new SecretProofToken(secret);
        assertTrue(local.authenticate(local, new BytesMessage().setSrc(leader)));
        assertFalse(local.authenticate(new SecretProofToken(ClusterTestSupport.newSecret()),
                new BytesMessage().setSrc(leader)), "an in-process token of another secret");
    }

    @Test
    void refusesAnotherSecretAReplayFromAnotherAddressAndAnEmptyToken() throws IOException {
        Address joiner = UUID.randomUUID();
        SecretProofToken coordinator = new SecretProofToken(secret);
        assertFalse(coordinator.authenticate(sentBy(ClusterTestSupport.newSecret(), joiner),
                new BytesMessage().setSrc(joiner)), "wrong secret");
        assertFalse(coordinator.authenticate(sentBy(secret, joiner), new BytesMessage().setSrc(UUID.randomUUID())),
                "a proof replayed from another address");
        assertFalse(coordinator.authenticate(new SecretProofToken(), new BytesMessage().setSrc(joiner)), "no proof");
    }

    @Test
    void aReceivedTokenCannotProveAnything() {
        assertThrows(IOException.class, () -> new SecretProofToken().writeTo(new DataOutputStream(new ByteArrayOutputStream())));
    }
}
