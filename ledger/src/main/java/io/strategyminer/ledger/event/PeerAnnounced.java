package io.strategyminer.ledger.event;

import io.strategyminer.ledger.identity.Ed25519;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A peer says who it is and what it can do. The first event of every origin is its announcement,
 * signed by the key it announces, whose hash must be the origin's id; later announcements (new
 * name, more cores, a new benchmark) must carry the same key.
 *
 * @param name               a human name for dashboards, 1–64 characters
 * @param machineId          the host, for the independence rule of the quorum
 * @param publicKey          the raw 32-byte Ed25519 public key, 64 hex characters
 * @param cores              worker threads offered, 1–4096
 * @param backtestsPerSecond the whole peer's capacity measured on the work it runs, counted in backtests of
 *                           {@value #REFERENCE_CANDLES} candles per second (= candle-steps per second ÷
 *                           {@value #REFERENCE_CANDLES}, see {@link #candleStepsPerSecond()}), finite, 0–10⁹. A peer
 *                           re-announces when it moved. Self-declared: used only to size lease deadlines (bounded by
 *                           the view, consensus {@code LeasePolicy}) and to display capacity
 * @param engineVersion      the backtest engine version the peer runs
 */
public record PeerAnnounced(String name, MachineId machineId, String publicKey, int cores,
                            double backtestsPerSecond, String engineVersion) implements Payload {
    public static final int MAX_NAME = 64;
    public static final int MAX_CORES = 4096;
    /**
     * Candles per announced backtest: {@link #backtestsPerSecond} counts backtests of this many candles, so that the
     * field's range (10⁹) holds 10¹² candle-steps per second.
     */
    public static final int REFERENCE_CANDLES = 1_000;
    private static final Pattern KEY_HEX = Pattern.compile("[0-9a-f]{64}");

    public PeerAnnounced {
        Checks.text("peer name", name, MAX_NAME);
        Checks.required("machine id", machineId);
        Checks.matches("public key", publicKey, KEY_HEX);
        Checks.range("cores", cores, 1, MAX_CORES);
        Checks.finiteRange("backtests per second", backtestsPerSecond, 0, 1e9);
        Checks.matches("engine version", engineVersion, Checks.VERSION);
    }

    /** An announcement of {@code identity}'s key. */
    public static PeerAnnounced of(PeerIdentity identity, String name, MachineId machineId, int cores,
                                   double backtestsPerSecond, String engineVersion) {
        return new PeerAnnounced(name, machineId, identity.publicKeyHex(), cores, backtestsPerSecond, engineVersion);
    }

    /** The announced capacity in candle-steps (backtests × candles backtested) per second. */
    public double candleStepsPerSecond() {
        return backtestsPerSecond * REFERENCE_CANDLES;
    }

    /** The announced key, to verify the origin's signatures; fails if it is not a valid Ed25519 key. */
    public PublicKey verifyingKey() {
        return Ed25519.publicKey(HexFormat.of().parseHex(publicKey));
    }

    /** The peer id the announced key hashes to. */
    public PeerId keyOwner() {
        return PeerId.ofPublicKey(HexFormat.of().parseHex(publicKey));
    }

    @Override
    public EventType type() {
        return EventType.PEER_ANNOUNCED;
    }
}
