package io.strategyminer.peer;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests of what only some machines allow (network namespaces, a tmpfs to fill, multicast on loopback). Where the
 * machine does not allow it and the tests do not run as root, such a test is skipped with the reason; as root — how
 * CI runs them, on a machine that allows all of them — a missing capability fails the test, so that none of them can
 * pass by not running.
 */
public final class Privileged {
    private Privileged() {
    }

    /** Continues if {@code whyNot} is empty; otherwise skips, or fails as root, saying what is missing and why. */
    public static void require(String what, Optional<String> whyNot) {
        if (whyNot.isEmpty()) {
            return;
        }
        String message = what + " is not available here (" + whyNot.get() + ")";
        if (isRoot()) {
            fail(message + ": the tests run as root, where it must be; this test must run, not skip");
        }
        Assumptions.abort(message + "; as root this test runs (and fails instead of skipping)");
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // not Linux, or no /proc: not the CI machine
        }
    }
}
