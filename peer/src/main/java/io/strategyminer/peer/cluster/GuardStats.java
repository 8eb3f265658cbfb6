package io.strategyminer.peer.cluster;

/**
 * What this peer's cluster ports refused since it started (DESIGN §8: limits before allocation), for logs,
 * metrics and tests.
 *
 * @param refusedFrames      datagrams and TCP frames on the JGroups and failure-detection ports dropped
 *                           unparsed: no valid seal of the cluster secret, or longer than the port allows
 * @param refusedConnections connections closed on accept because a connection limit was reached
 * @param closedUnproven     accepted TCP connections closed because no sealed frame arrived in time
 * @param refusedFragments   fragments of a member's message dropped before reassembly: the message would be
 *                           larger than {@link BoundedFrag#MAX_MESSAGE_BYTES}, or its sender has too many
 *                           incomplete messages
 */
public record GuardStats(long refusedFrames, long refusedConnections, long closedUnproven, long refusedFragments) {
}
