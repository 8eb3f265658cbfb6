package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Milestone lines printed while a progress bar is on the terminal line never share that line. */
class ConsoleProgressTest {
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(terminal, true, StandardCharsets.UTF_8);

    private String written() {
        return terminal.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheBarIsTakenOffTheLineForANoteAndDrawnAgainAfterIt() {
        ConsoleProgress progress = new ConsoleProgress(stream, true, () -> 0, 2_000);
        progress.update(1, 2, "half");
        String bar = ConsoleProgress.render(1, 2, "half");
        assertEquals("\r" + bar, written());

        progress.above(() -> stream.println("unit 0: leased to demo-2"));

        assertEquals("\r" + bar + "\r" + " ".repeat(bar.length()) + "\r" + "unit 0: leased to demo-2"
                + System.lineSeparator() + bar, written());
    }

    @Test
    void inALogThereIsNoBarToMoveSoTheNoteIsPrintedAsItIs() {
        ConsoleProgress progress = new ConsoleProgress(stream, false, () -> 0, 2_000);
        progress.update(1, 2, "half");
        String before = written();

        progress.above(() -> stream.println("unit 0: leased to demo-2"));

        assertEquals(before + "unit 0: leased to demo-2" + System.lineSeparator(), written());
    }
}
