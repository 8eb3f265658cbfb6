package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleWriters;
import io.strategyminer.data.suspect.SuspectPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Any input either imports or is refused with {@link InvalidCandleDataException} (the HTTP API's 400), with a
 * bounded message: never another exception, never an input echoed whole.
 */
class HostileInputTest {
    private static final int MAX_MESSAGE = 20 * 420 + 2_000;
    private static final CandleSeries CANDLES = ImportFixtures.threeCandles();
    private static final List<String> VALID = List.of(CandleWriters.csvMillis(CANDLES),
            CandleWriters.csvIsoSemicolon(CANDLES), CandleWriters.coinbaseExchange(CANDLES),
            CandleWriters.coinbaseAdvanced(CANDLES, true), CandleWriters.ohlc(CANDLES, 300),
            CandleWriters.recordsMillis(CANDLES), CandleWriters.yahooChart(CANDLES, "BTC-USD"),
            "timestamp,price,amount\n1704067200,100,1\n1704067260,101,2\n");
    private static final String SPECIAL = ",;\"[]{}:\n\r-.e0123456789 \u0000\uFEFF\u00e9null";

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(VALID),
                Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.strings().withChars(SPECIAL).ofMinLength(0).ofMaxLength(6)).as((text, positions, insert) -> {
                    StringBuilder s = new StringBuilder(text);
                    for (int p : positions) {
                        int at = p % (s.length() + 1);
                        if (p % 3 == 0 && at < s.length()) {
                            s.deleteCharAt(at);
                        } else {
                            s.insert(at, insert);
                        }
                    }
                    return s.toString().getBytes(StandardCharsets.UTF_8);
                });
        return Arbitraries.oneOf(noise, mutated, mutated, mutated);
    }

    /** Found by the property below: zero bytes after a '[' made the JSON parser decode UTF-32 and throw. */
    @Test
    void zeroBytesThatLookLikeAnotherEncodingAreRefusedNotThrown() {
        byte[] input = "[\0\0\0,,,,,,\0,,\0,,1704067800,98.0,100.75,100.75,99.5,3.125],\n"
                .getBytes(StandardCharsets.UTF_8);
        InvalidCandleDataException refused = assertThrows(InvalidCandleDataException.class,
                () -> CandleImporter.read(new ByteArrayInputStream(input), "upload", ImportOptions.auto()));
        assertTrue(refused.getMessage().contains("not JSON text in UTF-8"), refused.getMessage());
    }

    @Property(tries = 10_000)
    void everyInputImportsOrIsRefusedWithABoundedMessage(@ForAll("inputs") byte[] input,
                                                        @ForAll SuspectPolicy policy) throws Exception {
        try {
            ImportResult result = CandleImporter.read(new ByteArrayInputStream(input), "upload",
                    ImportOptions.auto().withSuspects(policy));
            assertTrue(result.candles().size() > 0);
            result.toDataset();
        } catch (InvalidCandleDataException refused) {
            assertTrue(refused.getMessage().length() < MAX_MESSAGE, refused.getMessage());
        }
    }
}
