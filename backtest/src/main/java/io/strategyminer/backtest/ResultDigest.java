package io.strategyminer.backtest;

import io.strategyminer.data.DatasetId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The result digest of DESIGN §3–4: what peers compare to agree that they computed the same backtest, and
 * what binds every figure a report shows to that agreement. Two SHA-256 hashes, each 64 lowercase hex
 * characters, over canonical encodings (big-endian, strings as {@link DataOutputStream#writeUTF}, doubles as
 * {@link Double#doubleToLongBits raw bits}, so NaN is the one canonical NaN):
 * <pre>
 * trades digest = SHA-256 of
 *   "strategy-miner/trades/v2",
 *   for the in-sample and then the out-of-sample range:
 *     range from, range to, trade count (int32),
 *     per trade: entry index, exit index (int32), entry price, exit price, quantity, pnl, return % (double),
 *                exit reason (name)
 *
 * digest = SHA-256 of
 *   "strategy-miner/result/v2", engine version, dataset id (hex), in-sample percent (int32),
 *   fee %, slippage %, initial capital (double), trades digest (32 bytes),
 *   then the in-sample strategy, in-sample buy-and-hold, out-of-sample strategy, out-of-sample buy-and-hold
 *   metrics, each as every {@link Metrics} component in declaration order (ints as int32, doubles as double)
 * </pre>
 * Equal digests mean bit-identical results, not merely close ones. Because the digest is computed from the
 * trades digest and the metrics alone, anyone holding a report's header, trades digest and metrics can check
 * with {@link #of} that those metrics are the ones the digest commits to, without re-running the backtest;
 * a verifier that re-runs it reproduces the trades digest too. The costs are included so that peers that
 * disagree on them never match, even on a strategy that never trades.
 */
public final class ResultDigest {
    private static final String MAGIC = "strategy-miner/result/v2";
    private static final String TRADES_MAGIC = "strategy-miner/trades/v2";
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    private ResultDigest() {
    }

    /** The digest of an evaluation's header, trades digest and the four sets of metrics (see the class comment). */
    public static String of(String engineVersion, DatasetId datasetId, Split split, BacktestConfig config,
                            String tradesDigest, Metrics inSampleMetrics, Metrics inSampleBuyAndHold,
                            Metrics outOfSampleMetrics, Metrics outOfSampleBuyAndHold) {
        if (!HEX_256.matcher(tradesDigest).matches()) {
            throw new IllegalArgumentException("trades digest must be 64 lowercase hex characters, got '"
                    + (tradesDigest.length() > 70 ? tradesDigest.substring(0, 67) + "..." : tradesDigest) + "'");
        }
        return sha256Hex(512, out -> {
            out.writeUTF(MAGIC);
            out.writeUTF(engineVersion);
            out.writeUTF(datasetId.hex());
            out.writeInt(split.inSamplePercent());
            if (split.isWalkForward()) {
                // a single split's digest stays what it always was; a window's binds which window it is
                out.writeInt(split.windows());
                out.writeInt(split.window());
                out.writeBoolean(split.anchored());
            }
            out.writeDouble(config.feePct());
            out.writeDouble(config.slippagePct());
            out.writeDouble(config.initialCapital());
            out.write(HexFormat.of().parseHex(tradesDigest));
            write(out, inSampleMetrics);
            write(out, inSampleBuyAndHold);
            write(out, outOfSampleMetrics);
            write(out, outOfSampleBuyAndHold);
        });
    }

    /** The trades digest of both ranges' trade lists (see the class comment). */
    public static String trades(Range inSample, List<Trade> inSampleTrades, Range outOfSample,
                                List<Trade> outOfSampleTrades) {
        return sha256Hex(64 + 64 * (inSampleTrades.size() + outOfSampleTrades.size()), out -> {
            out.writeUTF(TRADES_MAGIC);
            write(out, inSample, inSampleTrades);
            write(out, outOfSample, outOfSampleTrades);
        });
    }

    private static void write(DataOutputStream out, Range range, List<Trade> trades) throws IOException {
        out.writeInt(range.from());
        out.writeInt(range.to());
        out.writeInt(trades.size());
        for (Trade t : trades) {
            out.writeInt(t.entryIndex());
            out.writeInt(t.exitIndex());
            out.writeDouble(t.entryPrice());
            out.writeDouble(t.exitPrice());
            out.writeDouble(t.quantity());
            out.writeDouble(t.pnl());
            out.writeDouble(t.returnPct());
            out.writeUTF(t.exitReason().name());
        }
    }

    /** Every component, in declaration order; a test checks that each one reaches the digest. */
    private static void write(DataOutputStream out, Metrics m) throws IOException {
        out.writeDouble(m.netPnl());
        out.writeDouble(m.returnPct());
        out.writeDouble(m.cagrPct());
        out.writeInt(m.trades());
        out.writeDouble(m.winRate());
        out.writeDouble(m.profitFactor());
        out.writeDouble(m.exposurePct());
        out.writeDouble(m.maxDrawdownPct());
        out.writeInt(m.days());
        out.writeDouble(m.sharpe());
        out.writeDouble(m.sortino());
        out.writeDouble(m.dailySkewness());
        out.writeDouble(m.dailyKurtosis());
    }

    private interface Encoding {
        void writeTo(DataOutputStream out) throws IOException;
    }

    private static String sha256Hex(int sizeHint, Encoding encoding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeHint);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            encoding.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
