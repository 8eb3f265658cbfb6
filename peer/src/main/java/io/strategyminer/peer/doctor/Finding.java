package io.strategyminer.peer.doctor;

import java.util.Objects;
import java.util.Optional;

/**
 * What one check found: its name, how it came out, one line saying what was seen, and what to do about it.
 *
 * @param check   the check's name ({@code java}, {@code ports}, {@code data-dir}, {@code multicast}, {@code seeds},
 *                {@code machine-ids}, {@code clock}, {@code sleep})
 * @param status  ok, warn, fail or skip
 * @param finding what was seen, in one line
 * @param fix     what to do: present for every warn and fail
 */
public record Finding(String check, Status status, String finding, Optional<String> fix) {
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(fix, "fix");
        if ((status == Status.WARN || status == Status.FAIL) && fix.isEmpty()) {
            throw new IllegalArgumentException("a " + status.label() + " finding of " + check + " must say what to do");
        }
    }

    static Finding ok(String check, String finding) {
        return new Finding(check, Status.OK, finding, Optional.empty());
    }

    static Finding skip(String check, String finding) {
        return new Finding(check, Status.SKIP, finding, Optional.empty());
    }

    static Finding warn(String check, String finding, String fix) {
        return new Finding(check, Status.WARN, finding, Optional.of(fix));
    }

    static Finding fail(String check, String finding, String fix) {
        return new Finding(check, Status.FAIL, finding, Optional.of(fix));
    }
}
