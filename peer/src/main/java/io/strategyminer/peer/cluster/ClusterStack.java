package io.strategyminer.peer.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.LargestWinningPolicy;
import org.jgroups.stack.Protocol;

/**
 * Builds the JGroups protocol stack for a {@link ClusterConfig}, bottom (transport) first. It follows the
 * {@code udp.xml}/{@code tcp.xml} shipped with JGroups 5.5 with these changes (DESIGN §5, §8):
 * <ul>
 *   <li>Limits before allocation ({@link ClusterGuards}): the transport ({@link SealedUdp} or
 *       {@link GuardedTcp}) and the failure detector ({@link GuardedFdSock}) drop any frame without a seal
 *       of the cluster secret before JGroups parses it, bound frame lengths and connections, and close idle or
 *       unproven connections; {@link BoundedFrag} refuses a member's oversized message fragment by fragment.
 *       JGroups' diagnostics listener is off.</li>
 *   <li>SYM_ENCRYPT sits right above the transport, so discovery, join and merge traffic is encrypted
 *       too: a peer without the secret cannot even learn who is in the cluster. AES-256-CBC with a key
 *       derived from the secret for "jgroups-encrypt".</li>
 *   <li>AUTH right below GMS with {@link SecretProofToken}: a join or merge request (and the coordinator's
 *       answer) must prove the secret.</li>
 *   <li>FD_ALL3 suspects a silent member after 15 s instead of 40 s; FD_SOCK2 (a closed socket, i.e. a
 *       killed process) plus VERIFY_SUSPECT2 excludes a killed peer within about 2 s.</li>
 *   <li>GMS join timeout 2 s so a first peer founds its cluster quickly; FRAG4 (bounded) instead of FRAG2;
 *       no state transfer (the ledger has its own repair sync).</li>
 *   <li>When partitions heal, the merged view's coordinator comes from the largest side
 *       ({@code LargestWinningPolicy}), not from whichever address sorts first: a peer that was cut off alone,
 *       whose ledger is the most behind, does not take over the cluster it rejoins.</li>
 * </ul>
 */
final class ClusterStack {
    static final String ENCRYPT_KEY_PURPOSE = "jgroups-encrypt";
    /** Large enough for a biggest ledger event plus headers in one message before fragmentation. */
    private static final int FRAG_SIZE = 60_000;
    private static final long FLOW_CONTROL_CREDITS = 4L << 20;

    private ClusterStack() {
    }

    /**
     * A fresh list of protocols (JGroups protocols are single-use), transport first, guarded by {@code guards}
     * (made from the same secret as {@code config}).
     */
    static List<Protocol> protocols(ClusterConfig config, ClusterGuards guards) {
        ClusterConfig.Timings timings = config.timings();
        List<Protocol> stack = new ArrayList<>();
        stack.add(transport(config, guards));
        stack.add(encryption(config));
        stack.add(discovery(config));
        stack.add(new MERGE3().setMinInterval(timings.mergeInterval().toMillis())
                .setMaxInterval(timings.mergeInterval().toMillis() * 2));
        stack.add(failureDetectionSocket(config, guards));
        stack.add(new FD_ALL3().setTimeout(timings.silenceTimeout().toMillis())
                .setInterval(timings.heartbeatInterval().toMillis()));
        stack.add(new VERIFY_SUSPECT2().setTimeout(timings.verifySuspectTimeout().toMillis()));
        stack.add(new NAKACK2().useMcastXmit(false).setXmitInterval(500));
        stack.add(new UNICAST3().setXmitInterval(500));
        stack.add(new STABLE().setMaxBytes(4L << 20));
        stack.add(authentication(config));
        stack.add(new GMS().setJoinTimeout(timings.joinTimeout().toMillis()).setMaxJoinAttempts(3)
                .setMembershipChangePolicy(new LargestWinningPolicy()).setValue("print_local_addr", false));
        stack.add(new UFC().setMaxCredits(FLOW_CONTROL_CREDITS).setMinThreshold(0.4));
        stack.add(new MFC().setMaxCredits(FLOW_CONTROL_CREDITS).setMinThreshold(0.4));
        stack.add(new BoundedFrag(guards, FRAG_SIZE));
        return stack;
    }

    private static TP transport(ClusterConfig config, ClusterGuards guards) {
        TP transport;
        if (config.usesSeeds()) {
            // Nagle would hold small live-gossip messages for up to 40 ms: latency matters more here.
            transport = new GuardedTcp(guards, idleTimeout(config.timings())).tcpNodelay(true);
        } else {
            ClusterConfig.Multicast multicast = config.multicast();
            transport = new SealedUdp(guards).setMulticastAddress(multicast.group()).setMulticastPort(multicast.port())
                    .setMulticastTTL(multicast.ttl());
        }
        config.bindAddress().ifPresent(transport::setBindAddress);
        return transport.setBindPort(config.port()).setPortRange(config.portRange());
    }

    /**
     * Twice the silence after which a member is suspected anyway (FD_ALL3): a connection idle that long
     * carries no member's heartbeats. 30 s with the default timings.
     */
    private static Duration idleTimeout(ClusterConfig.Timings timings) {
        return timings.silenceTimeout().multipliedBy(2);
    }

    private static SYM_ENCRYPT encryption(ClusterConfig config) {
        SYM_ENCRYPT encrypt = new SYM_ENCRYPT()
                .setSecretKey(new SecretKeySpec(config.secret().deriveKey(ENCRYPT_KEY_PURPOSE, 32), "AES"));
        return encrypt.symAlgorithm("AES/CBC/PKCS5Padding").symIvLength(16);
    }

    private static Protocol discovery(ClusterConfig config) {
        if (!config.usesSeeds()) {
            return new PING();
        }
        List<InetSocketAddress> hosts = new ArrayList<>();
        for (SeedAddress seed : config.seeds()) {
            try {
                hosts.add(new InetSocketAddress(InetAddress.getByName(seed.host()), seed.port()));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("seed host '" + seed.host() + "' does not resolve", e);
            }
        }
        // Seeds name exact ports, so no neighbouring port is probed.
        return new TCPPING().setInitialHosts(hosts).setPortRange(0);
    }

    private static FD_SOCK2 failureDetectionSocket(ClusterConfig config, ClusterGuards guards) {
        FD_SOCK2 fd = new GuardedFdSock(guards).setOffset(ClusterConfig.FAILURE_DETECTION_PORT_OFFSET).setPortRange(config.portRange());
        config.bindAddress().ifPresent(fd::setBindAddress);
        return fd;
    }

    private static AUTH authentication(ClusterConfig config) {
        AUTH auth = new AUTH();
        SecretProofToken token = new SecretProofToken(config.secret());
        token.setAuth(auth); // the token signs with the channel's own address, which AUTH knows once connected
        return auth.setAuthToken(token);
    }
}
