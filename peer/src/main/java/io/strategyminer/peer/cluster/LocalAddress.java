package io.strategyminer.peer.cluster;

import java.net.InetAddress;
import java.net.SocketException;
import org.jgroups.util.Util;

/**
 * The address the JGroups transport binds to when no {@code --bind} is given (its default: a site-local LAN
 * address, else another non-loopback one), which is what a peer started that way advertises to the others. Asked
 * from JGroups itself so that {@code peer token} prints the address {@code peer start} would.
 */
public final class LocalAddress {
    private LocalAddress() {
    }

    /** This machine's LAN address as JGroups picks it; loopback when the machine has no other interface up. */
    public static InetAddress transportDefault() {
        try {
            InetAddress siteLocal = Util.getAddress(Util.AddressScope.SITE_LOCAL, Util.getIpStackType());
            if (siteLocal != null) {
                return siteLocal;
            }
            InetAddress other = Util.getNonLoopbackAddress(Util.getIpStackType());
            return other != null ? other : InetAddress.getLoopbackAddress();
        } catch (SocketException e) {
            return InetAddress.getLoopbackAddress(); // no interface can be listed: only this machine can be named
        }
    }
}
