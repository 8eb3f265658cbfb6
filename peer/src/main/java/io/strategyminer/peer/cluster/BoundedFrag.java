package io.strategyminer.peer.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.FragHeader;

/**
 * JGroups' FRAG4 with a size limit that holds before reassembly (DESIGN §8: a member cannot exhaust other
 * peers with oversized messages). FRAG4 itself keeps every fragment until a message is complete, allocates
 * an array for as many fragments as the first one announces and then one buffer for the whole: a member's
 * 400 MiB message cost each receiver about 800 MiB. Here a fragment is dropped, before FRAG4 keeps it, when
 * <ul>
 *   <li>its message announces more fragments than {@link #MAX_MESSAGE_BYTES} needs, or the fragment is larger
 *       than the fragment size, or its index is out of range;</li>
 *   <li>its sender already has {@link #MAX_INCOMPLETE_PER_SENDER} incomplete messages held here (honest
 *       senders have one or two at a time: regular messages arrive in order, out-of-band ones beside them).</li>
 * </ul>
 * A message with one refused fragment is abandoned whole: what FRAG4 held of it is released and its later
 * fragments are dropped too. So a member holds at most 4 × 320 KiB of any other peer's memory in fragments.
 */
final class BoundedFrag extends FRAG4 {
    /** The largest message reassembled: the largest payload a {@link ClusterNode} sends, plus room for headers. */
    static final int MAX_MESSAGE_BYTES = ClusterNode.MAX_PAYLOAD_BYTES + 64 * 1024;
    static final int MAX_INCOMPLETE_PER_SENDER = 4;
    /** Ids of abandoned messages remembered per sender, so that their stragglers are dropped too. */
    private static final int REMEMBERED_ABANDONED = 256;

    private final ClusterGuards guards;
    private final int maxFragments;
    /** Guarded by {@code this}. */
    private final Map<Address, Sender> senders = new HashMap<>();

    BoundedFrag(ClusterGuards guards, int fragSize) {
        this.guards = guards;
        setFragSize(fragSize);
        setId(ClassConfigurator.getProtocolId(FRAG4.class)); // headers keep FRAG4's protocol id on the wire
        this.maxFragments = (MAX_MESSAGE_BYTES + fragSize - 1) / fragSize;
    }

    @Override
    protected Message unfragment(Message fragment, FragHeader header) {
        Address from = fragment.getSrc();
        String refusal = admit(from, fragment, header);
        if (refusal != null) {
            guards.fragmentRefused(from, refusal);
            return null;
        }
        Message whole = super.unfragment(fragment, header);
        if (whole != null) {
            synchronized (this) {
                sender(from).incomplete.remove(header.id);
            }
        }
        return whole;
    }

    /** Why {@code fragment} is dropped, or null if FRAG4 may keep it. */
    private synchronized String admit(Address from, Message fragment, FragHeader header) {
        Sender sender = sender(from);
        if (sender.abandoned.contains(header.id)) {
            return "message " + header.id + " was abandoned";
        }
        String refusal;
        if (header.num_frags < 1 || header.num_frags > maxFragments) {
            refusal = "its message announces " + header.num_frags + " fragments, more than the " + maxFragments
                    + " of a " + MAX_MESSAGE_BYTES + "-byte message";
        } else if (header.frag_id < 0 || header.frag_id >= header.num_frags) {
            refusal = "fragment index " + header.frag_id + " of " + header.num_frags;
        } else if (fragment.getLength() > getFragSize()) {
            refusal = "a fragment of " + fragment.getLength() + " bytes, more than " + getFragSize();
        } else if (!sender.incomplete.contains(header.id) && sender.incomplete.size() >= MAX_INCOMPLETE_PER_SENDER) {
            refusal = "its sender already has " + MAX_INCOMPLETE_PER_SENDER + " incomplete messages";
        } else {
            sender.incomplete.add(header.id);
            return null;
        }
        abandon(from, sender, header.id);
        return refusal;
    }

    private void abandon(Address from, Sender sender, long id) {
        sender.incomplete.remove(id);
        sender.abandoned.add(id);
        if (sender.abandoned.size() > REMEMBERED_ABANDONED) {
            Iterator<Long> oldest = sender.abandoned.iterator();
            oldest.next();
            oldest.remove();
        }
        ConcurrentMap<Long, ?> held = fragment_list.get(from);
        if (held != null) {
            held.remove(id); // what FRAG4 kept of this message
        }
    }

    private Sender sender(Address from) {
        return senders.computeIfAbsent(from, address -> new Sender());
    }

    /** FRAG4 forgets the fragments of members that left; so does this. */
    @Override
    protected void handleViewChange(View view) {
        super.handleViewChange(view);
        synchronized (this) {
            senders.keySet().retainAll(new HashSet<>(view.getMembers()));
        }
    }

    private static final class Sender {
        final Set<Long> incomplete = new HashSet<>();
        final LinkedHashSet<Long> abandoned = new LinkedHashSet<>();
    }
}
