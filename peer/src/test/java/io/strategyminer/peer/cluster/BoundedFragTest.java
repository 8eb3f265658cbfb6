package io.strategyminer.peer.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.protocols.FragHeader;
import org.jgroups.stack.Protocol;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link BoundedFrag} on its own: fragments in, whole messages (or nothing) out, with JGroups' own headers. */
class BoundedFragTest {
    private static final int FRAG_SIZE = 60_000;
    private final List<Message> delivered = new ArrayList<>();
    private final Address sender = UUID.randomUUID();
    private ClusterGuards guards;
    private BoundedFrag frag;

    @BeforeEach
    void fragmentationLayer() {
        guards = new ClusterGuards(ClusterTestSupport.newSecret());
        frag = new BoundedFrag(guards, FRAG_SIZE);
        frag.setUpProtocol(new Protocol() {
            @Override
            public Object up(Message message) {
                delivered.add(message);
                return null;
            }

            @Override
            public Object up(Event event) {
                return null;
            }
        });
    }

    @Test
    void anHonestMessageIsReassembledWhateverTheOrderOfItsFragments() {
        byte[] whole = bytes(150_000);
        List<Message> fragments = fragments(7, whole, 3);
        frag.up(fragments.get(2));
        frag.up(fragments.get(0));
        frag.up(fragments.get(1));
        assertEquals(1, delivered.size());
        assertArrayEquals(whole, delivered.get(0).getArray());
        assertEquals(0, guards.stats().refusedFragments());
    }

    @Test
    void aMessageAnnouncingMoreFragmentsThanTheLimitIsRefusedFragmentByFragment() {
        int announced = 400 * 1024 * 1024 / FRAG_SIZE + 1; // a 400 MiB message
        for (int i = 0; i < 10; i++) {
            frag.up(fragment(1, i, announced, new byte[FRAG_SIZE]));
        }
        assertEquals(0, delivered.size());
        assertEquals(10, guards.stats().refusedFragments(), "each fragment dropped on arrival");
    }

    @Test
    void aFragmentLargerThanTheFragmentSizeAbandonsItsMessage() {
        frag.up(fragment(2, 0, 3, new byte[FRAG_SIZE]));
        frag.up(fragment(2, 1, 3, new byte[FRAG_SIZE + 1]));
        frag.up(fragment(2, 2, 3, new byte[10]));
        assertEquals(0, delivered.size());
        assertEquals(2, guards.stats().refusedFragments(), "the oversized fragment and the one after it");
    }

    @Test
    void aSenderHoldsAtMostFourIncompleteMessages() {
        for (long id = 1; id <= BoundedFrag.MAX_INCOMPLETE_PER_SENDER; id++) {
            frag.up(fragment(id, 0, 2, new byte[100]));
        }
        long fifth = BoundedFrag.MAX_INCOMPLETE_PER_SENDER + 1;
        frag.up(fragment(fifth, 0, 2, new byte[100]));
        assertEquals(1, guards.stats().refusedFragments(), "a fifth incomplete message is refused");

        frag.up(fragment(1, 1, 2, new byte[100])); // the first completes: a slot frees
        assertEquals(1, delivered.size());
        frag.up(fragment(fifth, 1, 2, new byte[100]));
        assertEquals(1, delivered.size(), "the refused message stays abandoned, also once there is room");
        assertEquals(2, guards.stats().refusedFragments());
        frag.up(fragment(fifth + 1, 0, 1, new byte[100]));
        assertEquals(2, delivered.size(), "a new message is taken again");
    }

    @Test
    void aSenderThatLeftTheViewIsForgotten() {
        for (long id = 1; id <= BoundedFrag.MAX_INCOMPLETE_PER_SENDER; id++) {
            frag.up(fragment(id, 0, 2, new byte[100]));
        }
        frag.up(new Event(Event.VIEW_CHANGE, View.create(UUID.randomUUID(), 2,
                UUID.randomUUID())));
        frag.up(fragment(9, 0, 1, new byte[100]));
        assertEquals(1, delivered.size(), "its slots were freed with its fragments");
        assertEquals(0, guards.stats().refusedFragments());
    }

    private List<Message> fragments(long id, byte[] whole, int count) {
        List<Message> fragments = new ArrayList<>();
        int size = (whole.length + count - 1) / count;
        for (int i = 0; i < count; i++) {
            fragments.add(fragment(id, i, count, Arrays.copyOfRange(whole, i * size, Math.min(whole.length, (i + 1) * size))));
        }
        return fragments;
    }

    private Message fragment(long id, int index, int count, byte[] content) {
        return new BytesMessage(null, content).setSrc(sender).putHeader(frag.getId(), new FragHeader(id, index, count));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }
}
