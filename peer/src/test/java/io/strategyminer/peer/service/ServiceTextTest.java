package io.strategyminer.peer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Arguments written so that systemd and the Windows C runtime hand them to the peer unchanged. */
class ServiceTextTest {
    @Test
    void systemdQuotesWhatItWouldSplitOrInterpretAndDoublesSpecifiersAndVariables() {
        assertEquals("/usr/bin/java -Xmx256m --seeds a:1,b:2", ServiceText.systemdCommandLine(
                List.of("/usr/bin/java", "-Xmx256m", "--seeds", "a:1,b:2")));
        assertEquals("100%% $$HOME \"a b\" \"C:\\\\x\" \"say \\\"hi\\\"\" \";\" \"\" \"it's\"",
                ServiceText.systemdCommandLine(List.of("100%", "$HOME", "a b", "C:\\x", "say \"hi\"", ";", "", "it's")));
    }

    @Test
    void windowsQuotingFollowsTheCRuntimeRulesForBackslashesAndQuotes() {
        // the inverse of Microsoft's examples for parsing C command-line arguments
        assertEquals("\"a b c\" d e", ServiceText.windowsCommandLine(List.of("a b c", "d", "e")));
        assertEquals("\"ab\\\"c\" \\ d", ServiceText.windowsCommandLine(List.of("ab\"c", "\\", "d")));
        assertEquals("a\\\\\\b \"de fg\" h", ServiceText.windowsCommandLine(List.of("a\\\\\\b", "de fg", "h")));
        assertEquals("\"a\\\\\\\"b\" c d", ServiceText.windowsCommandLine(List.of("a\\\"b", "c", "d")));
        assertEquals("\"a\\\\b c\" d e", ServiceText.windowsCommandLine(List.of("a\\\\b c", "d", "e")));
        assertEquals("\"C:\\my dir\\\\\" \"\"", ServiceText.windowsCommandLine(List.of("C:\\my dir\\", "")));
    }

    @Test
    void xmlEscapesMarkupAndQuotes() {
        assertEquals("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;", ServiceText.xml("a & b <c> \"d\" 'e'"));
    }
}
