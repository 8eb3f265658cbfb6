package io.strategyminer.ledger.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.ledger.Scenario;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * {@link Event#decode} takes bytes from any peer of the cluster: whatever they are, it returns an event or throws
 * {@link InvalidEventException} — never another exception, never a hang, and never an allocation of a size the bytes
 * announce (every length is checked against what is present first).
 */
class EventDecodeProperties {
    /** Valid events of every type, to mutate: mutations of real events reach far deeper than random bytes. */
    private static final List<byte[]> VALID = Scenario.get().events.stream().map(Event::encoded).toList();

    @Property(tries = 10_000)
    void randomBytesAreAnEventOrRefused(@ForAll @Size(max = 600) byte[] bytes) {
        decodesOrRefuses(bytes);
    }

    @Property(tries = 10_000)
    void mutatedEventsAreAnEventOrRefused(@ForAll("mutations") byte[] bytes) {
        decodesOrRefuses(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<byte[]> valid = Arbitraries.of(VALID);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Byte> value = Arbitraries.bytes();
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
        return Combinators.combine(valid, position, value, kind).as((event, at, b, k) -> {
            int index = at % event.length;
            return switch (k) {
                case 0 -> { // flip one byte
                    byte[] copy = event.clone();
                    copy[index] = b;
                    yield copy;
                }
                case 1 -> Arrays.copyOf(event, index); // truncate
                case 2 -> { // a payload byte replaced inside the JSON only
                    byte[] copy = event.clone();
                    int json = Event.HEADER_BYTES + index % Math.max(1, event.length - Event.HEADER_BYTES - 64);
                    copy[Math.min(json, event.length - 1)] = b;
                    yield copy;
                }
                default -> { // grow: garbage appended
                    byte[] copy = Arrays.copyOf(event, event.length + 1 + index % 64);
                    copy[copy.length - 1] = b;
                    yield copy;
                }
            };
        });
    }

    private static void decodesOrRefuses(byte[] bytes) {
        try {
            Event event = Event.decode(bytes);
            assertEquals(bytes.length, event.size());
        } catch (InvalidEventException expected) {
            // the documented refusal
        }
    }
}
