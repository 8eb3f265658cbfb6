package io.strategyminer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimeframeTest {
    @Test
    void parsesAndLabels() {
        assertEquals(60, Timeframe.parseSeconds("1m"));
        assertEquals(300, Timeframe.parseSeconds(" 5M "));
        assertEquals(300, Timeframe.parseSeconds("300"));
        assertEquals(90, Timeframe.parseSeconds("90s"));
        assertEquals(14_400, Timeframe.parseSeconds("4h"));
        assertEquals(86_400, Timeframe.parseSeconds("1d"));
        assertEquals(604_800, Timeframe.parseSeconds("1w"));
        assertEquals("5m", Timeframe.label(300));
        assertEquals("4h", Timeframe.label(14_400));
        assertEquals("1d", Timeframe.label(86_400));
        assertEquals("90s", Timeframe.label(90));
        assertEquals("2w", Timeframe.label(1_209_600));
    }

    @Test
    void refusesNonsense() {
        for (String bad : new String[] {"", "0m", "-5m", "5x", "m", "1.5h", null}) {
            assertThrows(IllegalArgumentException.class, () -> Timeframe.parseSeconds(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> Timeframe.label(0));
    }
}
