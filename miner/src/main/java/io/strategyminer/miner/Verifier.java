package io.strategyminer.miner;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Evaluation;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.Genome;

/**
 * Verification (DESIGN §3): one genome's in- and out-of-sample backtests and its result digest. Cheap —
 * two backtests, not a search. A work unit's report is built with the very same call, so a verifying
 * peer with the same engine version and dataset reproduces the reporter's digest exactly.
 */
public final class Verifier {
    private Verifier() {
    }

    public static Verification verify(Genome genome, Backtester backtester, Split split) {
        Evaluation evaluation = backtester.evaluate(genome, split);
        return new Verification(evaluation.inSample().metrics(), evaluation.outOfSample().metrics(),
                evaluation.inSample().buyAndHold(), evaluation.outOfSample().buyAndHold(), evaluation.tradesDigest(),
                evaluation.digest(), evaluation.engineVersion());
    }
}
