package io.strategyminer.peer.cluster;

/**
 * A kind of message carried over the cluster channel, so that live gossip, consensus messages and
 * progress share one JGroups channel. The code is the first byte of every message on the wire.
 *
 * @param code a number 0..255, unique per topic
 * @param name for logs
 */
public record Topic(int code, String name) {
    public Topic {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("topic code " + code + " is outside 0..255");
        }
    }
}
