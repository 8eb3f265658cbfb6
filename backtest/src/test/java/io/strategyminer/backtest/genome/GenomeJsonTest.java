package io.strategyminer.backtest.genome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.RandomGenomes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenomeJsonTest {
    private static final String EXAMPLE = "{\"entry\":{\"combine\":\"AND\",\"conditions\":["
            + "{\"left\":\"RSI(14)\",\"op\":\"<\",\"right\":30.0},"
            + "{\"left\":\"EMA(9)\",\"op\":\"crosses_above\",\"right\":\"EMA(21)\"}]},"
            + "\"exit\":{\"combine\":\"OR\",\"conditions\":[{\"left\":\"RSI(14)\",\"op\":\">\",\"right\":70.0}]},"
            + "\"stopLossPct\":2.0,\"takeProfitPct\":4.0,\"trailingStopPct\":0.0,\"maxBarsHeld\":0,"
            + "\"positionPct\":50.0,\"risk\":\"MEDIUM\"}";

    @Property(tries = 300)
    void everyGenomeSurvivesAJsonRoundTripAndPrintsCanonically(@ForAll long seed) {
        Genome genome = new RandomGenomes(seed).any();
        String compact = GenomeJson.write(genome);
        assertEquals(genome, GenomeJson.read(compact));
        assertEquals(compact, GenomeJson.write(GenomeJson.read(GenomeJson.writePretty(genome))),
                "pretty and compact forms describe the same genome, whose compact form is unique");
    }

    @Test
    void theDocumentedExampleReadsAndPrintsBackByteForByte() {
        Genome genome = GenomeJson.read(EXAMPLE);
        assertEquals(EXAMPLE, GenomeJson.write(genome));
        assertEquals("BUY when RSI(14) < 30 AND EMA(9) crosses above EMA(21); SELL when RSI(14) > 70; "
                + "stop 2 %, target 4 %; size 50 % (MEDIUM risk)", genome.toSentence());
    }

    @Test
    void theSentenceNamesEveryExitAndOmitsTheAbsentOnes() {
        Genome g = new Genome(Rule.any(new Condition(Indicator.parse("BB_PCTB(20,20)"), Comparison.BELOW, new Constant(0)),
                new Condition(Indicator.parse("STOCH_K(14)"), Comparison.CROSSES_ABOVE, new Constant(20))),
                Rule.none(), 0, 0, 1.5, 48, 100, RiskLevel.HIGH);
        assertEquals("BUY when BB_PCTB(20,20) < 0 OR STOCH_K(14) crosses above 20; trailing stop 1.5 %, "
                + "at most 48 bars; size 100 % (HIGH risk)", g.toSentence());
    }

    @Test
    void validationListsEveryProblemOfTheGenome() {
        String bad = EXAMPLE.replace("\"stopLossPct\":2.0", "\"stopLossPct\":0")
                .replace("\"positionPct\":50.0", "\"positionPct\":80")
                .replace("\"trailingStopPct\":0.0", "\"trailingStopPct\":9")
                .replace("\"maxBarsHeld\":0", "\"maxBarsHeld\":-1")
                .replace("\"risk\":\"MEDIUM\"", "\"risk\":\"LOW\"");
        InvalidGenomeException e = assertThrows(InvalidGenomeException.class, () -> GenomeJson.read(bad));
        assertEquals(List.of("position size 80 % outside [5, 25] % for LOW risk", "LOW risk requires a stop-loss",
                "trailing stop 9 % outside [0.1, 3] % for LOW risk", "max bars held -1 outside [0, 10000]"),
                e.problems());
        assertTrue(e.getMessage().startsWith("invalid genome: position size 80 %"), e.getMessage());
    }

    @Test
    void aStrategyThatCanNeverExitIsRejected() {
        InvalidGenomeException e = assertThrows(InvalidGenomeException.class, () -> new Genome(
                Rule.all(new Condition(Indicator.parse("RSI(14)"), Comparison.BELOW, new Constant(30))), Rule.none(),
                0, 0, 0, 0, 50, RiskLevel.HIGH));
        assertEquals(List.of("the strategy never exits: give it exit conditions, a stop, a target or a holding limit"),
                e.problems());
    }

    @Test
    void badConditionsAndBadJsonAreExplained() {
        assertMessage("cannot compare RSI(14) (OSCILLATOR) with EMA(21) (PRICE)",
                EXAMPLE.replace("\"right\":30.0", "\"right\":\"EMA(21)\""));
        assertMessage("threshold 130 for RSI(14) outside [0, 100]", EXAMPLE.replace("\"right\":30.0", "\"right\":130"));
        assertMessage("EMA(9) is on the PRICE scale, which takes no fixed threshold; compare it with another indicator",
                EXAMPLE.replace("\"right\":\"EMA(21)\"", "\"right\":9000"));
        assertMessage("unknown indicator 'EMAX'", EXAMPLE.replace("EMA(9)", "EMAX(9)"));
        assertMessage("MACD: fast period 26 must be below slow 12", EXAMPLE.replace("EMA(9)", "MACD(26,12)")
                .replace("\"right\":\"EMA(21)\"", "\"right\":\"MACD(12,26)\""));
        assertMessage("unknown comparison '>='", EXAMPLE.replace("\"op\":\"<\"", "\"op\":\">=\""));
        assertMessage("not valid JSON", "{\"entry\":");
        assertMessage("Unrecognized field \"stop\"", EXAMPLE.replace("\"stopLossPct\"", "\"stop\":1,\"stopLossPct\""));
        assertMessage("a rule has at most 3 conditions", EXAMPLE.replace("\"conditions\":[{\"left\":\"RSI(14)\",\"op\":\">\",\"right\":70.0}]",
                "\"conditions\":[" + String.join(",", List.of("{\"left\":\"RSI(14)\",\"op\":\">\",\"right\":70}",
                        "{\"left\":\"RSI(14)\",\"op\":\">\",\"right\":71}", "{\"left\":\"RSI(14)\",\"op\":\">\",\"right\":72}",
                        "{\"left\":\"RSI(14)\",\"op\":\">\",\"right\":73}")) + "]"));
    }

    @Test
    void aFileIsNamedInItsErrorsAndAnOversizedOneIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("g.json");
        Files.writeString(file, EXAMPLE.replace("\"right\":30.0", "\"right\":130"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenomeJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ": threshold 130"), e.getMessage());
        Path big = dir.resolve("big.json");
        Files.writeString(big, " ".repeat((int) GenomeJson.MAX_BYTES + 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GenomeJson.read(big)).getMessage()
                .contains("too large"));
        assertEquals(GenomeJson.read(EXAMPLE), GenomeJson.read(write(dir.resolve("ok.json"), EXAMPLE)));
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return file;
    }

    private static void assertMessage(String expectedPart, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenomeJson.read(json));
        assertTrue(e.getMessage().contains(expectedPart), "'" + e.getMessage() + "' should contain '" + expectedPart + "'");
    }
}
