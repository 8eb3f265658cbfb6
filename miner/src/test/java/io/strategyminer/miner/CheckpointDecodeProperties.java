package io.strategyminer.miner;

import io.strategyminer.backtest.genome.RiskLevel;
import java.util.ArrayList;
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
 * {@link Checkpoint#fromBytes} reads blobs any member may have written: whatever the bytes, a checkpoint or an
 * {@link InvalidCheckpointException} (the documented refusal), never another exception or a hang.
 */
class CheckpointDecodeProperties {
    private static final byte[] VALID = valid();

    private static byte[] valid() {
        List<SearchState> states = new ArrayList<>();
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(1)) {
            new GeneticSearch(12, 2, RiskLevel.MEDIUM, 4, new SyntheticFitness(), evaluator)
                    .run(SearchState.initial(3), states::add, CancellationToken.none());
        }
        return new Checkpoint("0123456789abcdef".repeat(4), states.get(1)).toBytes();
    }

    @Property(tries = 10_000)
    void randomBytesAreACheckpointOrRefused(@ForAll @Size(max = 300) byte[] bytes) {
        decodesOrRefuses(bytes);
    }

    @Property(tries = 10_000)
    void mutatedCheckpointsAreACheckpointOrRefused(@ForAll("mutations") byte[] bytes) {
        decodesOrRefuses(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.bytes(),
                Arbitraries.integers().between(0, 1)).as((at, b, kind) -> {
                    int index = at % VALID.length;
                    if (kind == 0) {
                        byte[] copy = VALID.clone();
                        copy[index] = b;
                        return copy;
                    }
                    return Arrays.copyOf(VALID, index);
                });
    }

    private static void decodesOrRefuses(byte[] bytes) {
        try {
            Checkpoint.fromBytes(bytes);
        } catch (InvalidCheckpointException expected) {
            // the documented refusal
        }
    }
}
