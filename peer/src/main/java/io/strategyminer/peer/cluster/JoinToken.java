package io.strategyminer.peer.cluster;

import io.strategyminer.peer.security.ClusterSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * What the first peer of a cluster prints so that another machine can join: the cluster secret and
 * the addresses of known members, in one string to copy and paste (DESIGN §7, §8).
 *
 * <p>Format: {@code smjoin1.<secret>.<seeds>.<check>} where {@code <secret>} is the secret's 43-character
 * base64url form, {@code <seeds>} the base64url (no padding) of the UTF-8 list {@code host:port,host:port},
 * and {@code <check>} the first 4 bytes of SHA-256 over everything before it, in hex. The version prefix
 * lets a later format be told apart; the check turns a truncated or mistyped paste into a clear error
 * instead of a silent "wrong secret". Only characters {@code [A-Za-z0-9._-]}, so shells and chat apps
 * leave it alone.
 *
 * @param secret the cluster secret (never printed by {@link #toString()})
 * @param seeds  members to contact first, at least one
 */
public record JoinToken(ClusterSecret secret, List<SeedAddress> seeds) {
    static final String PREFIX = "smjoin1";
    private static final int CHECK_BYTES = 4;

    public JoinToken {
        if (secret == null) {
            throw new IllegalArgumentException("a join token needs the cluster secret");
        }
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a join token needs at least one member address");
        }
    }

    /** The text to print and paste. It contains the secret: print it only where the user asked for it. */
    public String encode() {
        String body = PREFIX + "." + secret.encoded() + "."
                + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(SeedAddress.formatList(seeds).getBytes(StandardCharsets.UTF_8));
        return body + "." + check(body);
    }

    /** Reads a pasted token; surrounding whitespace is ignored. */
    public static JoinToken decode(String text) {
        String token = text.strip();
        if (!token.startsWith(PREFIX + ".")) {
            if (token.matches("smjoin[0-9]+\\..*")) {
                throw new IllegalArgumentException("this join token has a version this peer does not know (expected '"
                        + PREFIX + ".'); use the same peer.jar version on both machines");
            }
            throw new IllegalArgumentException("not a join token: it should start with '" + PREFIX + ".'");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("join token is truncated or damaged: expected 4 parts separated by '.', found "
                    + parts.length + "; copy the whole token");
        }
        String body = token.substring(0, token.lastIndexOf('.'));
        if (!MessageDigest.isEqual(check(body).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("join token is truncated or mistyped: its checksum does not match; copy the whole token");
        }
        ClusterSecret secret = ClusterSecret.decode(parts[1]);
        String seedList;
        try {
            seedList = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("join token's member list is not base64url: " + e.getMessage(), e);
        }
        return new JoinToken(secret, SeedAddress.parseList(seedList));
    }

    private static String check(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "JoinToken[secret=hidden, seeds=" + SeedAddress.formatList(seeds) + "]";
    }
}
