package io.strategyminer.peer.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.Version;
import org.jgroups.blocks.cs.Connection;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.Bits;
import org.jgroups.util.ByteArrayDataOutputStream;
import org.jgroups.util.UUID;
import org.jgroups.util.Util;

/**
 * What an outsider sends to a peer's JGroups ports in the attack tests: JGroups' own wire format, written by
 * JGroups, with one length or count field changed — the 40-byte datagrams and small frames that made an
 * unguarded peer allocate hundreds of megabytes — and the opening bytes of its TCP listeners.
 */
final class HostileFrames {
    /** Announced by the attacks: an unguarded JGroups allocates this much for the message's payload. */
    static final int HUGE = 700_000_000;
    /** Messages a hostile batch announces: an unguarded JGroups allocates an array of as many references. */
    static final int HUGE_COUNT = 100_000_000;

    private HostileFrames() {
    }

    /** A single message whose payload length field says {@link #HUGE} bytes (it holds 16). */
    static byte[] hugeMessage() {
        Message message = new BytesMessage(null, new byte[16]).setSrc(UUID.randomUUID());
        ByteArrayDataOutputStream out = new ByteArrayDataOutputStream(128);
        try {
            Util.writeMessage(message, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = Arrays.copyOf(out.buffer(), out.position());
        Bits.writeInt(HUGE, bytes, bytes.length - 16 - Integer.BYTES);
        return bytes;
    }

    /** A batch announcing {@link #HUGE_COUNT} messages (it holds one), as a multicast. */
    static byte[] hugeBatch() {
        UUID sender = UUID.randomUUID();
        Message message = new BytesMessage(null, new byte[4]).setSrc(sender);
        ByteArrayDataOutputStream out = new ByteArrayDataOutputStream(128);
        try {
            Util.writeMessageListHeader(null, sender, "sm".getBytes(StandardCharsets.US_ASCII), HUGE_COUNT, out, true);
            out.writeShort(message.getType());
            message.writeToNoAddrs(sender, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(out.buffer(), out.position());
    }

    /** The opening bytes of a JGroups TCP connection: cookie, version, the address its sender claims. */
    static byte[] opening(InetSocketAddress claimed) {
        IpAddress address = new IpAddress(claimed);
        ByteArrayDataOutputStream out = new ByteArrayDataOutputStream(64);
        try {
            out.write(Connection.cookie);
            out.writeShort(Version.version);
            out.writeShort(address.serializedSize());
            address.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(out.buffer(), out.position());
    }
}
