package io.strategyminer.peer.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr ("[#######.....]  58%  gen 17/30  best 1.84  21,300 bt/s").
 * On a terminal it redraws in place; when stderr is a file or pipe (CI, scripts) it prints a plain
 * line at most every {@code quietMillis}, so logs stay readable. stdout is left to the command's
 * results, so {@code --json} output can be piped.
 */
public final class ConsoleProgress implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier clockMillis;
    private final long quietMillis;
    private long lastPrinted = Long.MIN_VALUE;
    private int lastLength;
    private String lastLine = "";

    public ConsoleProgress(PrintStream out, boolean interactive, LongSupplier clockMillis, long quietMillis) {
        this.out = out;
        this.interactive = interactive;
        this.clockMillis = clockMillis;
        this.quietMillis = quietMillis;
    }

    /** Progress on stderr, redrawn in place only when a person is watching. */
    public static ConsoleProgress onStderr() {
        return new ConsoleProgress(System.err, System.console() != null, System::currentTimeMillis, 2_000);
    }

    /**
     * Shows {@code done} of {@code total} with a free-text detail. Non-interactive output is throttled,
     * except for the final step, which is always printed.
     */
    public synchronized void update(long done, long total, String detail) {
        long now = clockMillis.getAsLong();
        boolean finished = done >= total;
        if (!interactive && !finished && lastPrinted != Long.MIN_VALUE && now - lastPrinted < quietMillis) {
            return;
        }
        lastPrinted = now;
        String line = render(done, total, detail);
        if (interactive) {
            String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
            out.print("\r" + line + pad);
            lastLength = line.length();
            lastLine = line;
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String render(long done, long total, String detail) {
        double fraction = total <= 0 ? 1 : Math.min(1, Math.max(0, (double) done / total));
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), detail);
    }

    /**
     * Runs {@code print}, which writes whole lines elsewhere (e.g. a milestone on stdout), with the bar taken off
     * the terminal line first and drawn again after, so the two never end up on one line.
     */
    public synchronized void above(Runnable print) {
        boolean drawn = interactive && lastLength > 0;
        if (drawn) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
        }
        print.run();
        if (drawn) {
            out.print(lastLine);
            out.flush();
        }
    }

    /** Ends the in-place line so whatever is printed next starts on its own line. */
    @Override
    public synchronized void close() {
        if (interactive && lastLength > 0) {
            out.println();
            out.flush();
        }
        lastLength = 0;
    }
}
