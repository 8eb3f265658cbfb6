package io.strategyminer.peer.net;

import java.net.BindException;

/** Whether a failure to listen was a port already taken, so the message can say how to choose another. */
public final class PortInUse {
    private PortInUse() {
    }

    /** True if {@code failure} or one of its causes is a {@link BindException} ("Address already in use"). */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
