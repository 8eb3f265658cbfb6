package io.strategyminer.peer.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.security.ClusterSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinTokenTest {
    private final ClusterSecret secret = ClusterTestSupport.newSecret();
    private final JoinToken token = new JoinToken(secret,
            List.of(new SeedAddress("192.168.1.20", 7800), new SeedAddress("fd7a:115c::1", 7810)));

    @Test
    void roundTripsThroughItsText() {
        String text = token.encode();
        assertTrue(text.startsWith("smjoin1."), text);
        assertTrue(text.matches("[A-Za-z0-9._-]+"), "only characters shells and chats leave alone: " + text);
        JoinToken read = JoinToken.decode("  " + text + "\n");
        assertEquals(token, read);
        assertTrue(read.secret().sameAs(secret));
        assertEquals("192.168.1.20:7800,[fd7a:115c::1]:7810", SeedAddress.formatList(read.seeds()));
    }

    @Test
    void aTruncatedOrMistypedPasteIsAClearError() {
        String text = token.encode();
        for (int cut = 1; cut < text.length(); cut++) {
            String truncated = text.substring(0, cut);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JoinToken.decode(truncated),
                    "accepted a token cut at " + cut);
            assertTrue(e.getMessage().contains("token"), e.getMessage());
        }
        int middle = text.length() / 2;
        char changed = text.charAt(middle) == 'A' ? 'B' : 'A';
        String typo = text.substring(0, middle) + changed + text.substring(middle + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JoinToken.decode(typo));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void otherTextIsRefusedWithItsReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JoinToken.decode("hello"))
                .getMessage().contains("should start with 'smjoin1.'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JoinToken.decode(token.encode().replace("smjoin1.", "smjoin2.")))
                .getMessage().contains("version"));
        assertThrows(IllegalArgumentException.class, () -> new JoinToken(secret, List.of()));
    }

    @Test
    void neverPrintsTheSecret() {
        assertFalse(token.toString().contains(secret.encoded()), token.toString());
        assertTrue(token.toString().contains("192.168.1.20:7800"));
    }

    @Test
    void seedAddressesParseAndRefuseWithReasons() {
        assertEquals(new SeedAddress("laptop.lan", 7800), SeedAddress.parse(" laptop.lan:7800 "));
        assertEquals(new SeedAddress("::1", 7800), SeedAddress.parse("[::1]:7800"));
        assertEquals(List.of(new SeedAddress("a", 1), new SeedAddress("b", 2)), SeedAddress.parseList("a:1,b:2"));
        for (String bad : List.of("laptop", ":7800", "host:", "host:x", "host:0", "host:70000", "::1:7800", "[::1]7800")) {
            assertThrows(IllegalArgumentException.class, () -> SeedAddress.parse(bad), bad);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeedAddress.parseList("a:1,,b:2"))
                .getMessage().contains("empty entry"));
    }
}
