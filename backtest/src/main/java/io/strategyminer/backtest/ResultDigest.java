package io.strategyminer.backtest;

import io.strategyminer.data.DatasetId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The result digest of DESIGN §3–4: what peers compare to agree that they computed the same
 * backtest. SHA-256, as 64 lowercase hex characters, over this canonical encoding (big-endian,
 * strings as {@link DataOutputStream#writeUTF}):
 * <pre>
 * "strategy-miner/result/v1", engine version, dataset id (hex),
 * in-sample percent (int32), fee %, slippage %, initial capital (double bits),
 * then for the in-sample and then the out-of-sample result:
 *   range from, range to (int32), trade count (int32),
 *   per trade: entry index, exit index (int32), entry price, exit price, quantity, pnl,
 *              return % (double bits as int64), exit reason (name),
 *   metrics: net PnL, return % (bits), trades (int32), win rate, Sharpe, Sortino,
 *            max drawdown %, profit factor, exposure % (bits)
 * </pre>
 * Doubles go in as {@link Double#doubleToLongBits raw bits}: equal digests mean bit-identical
 * results, not merely close ones. The engine's config is included so that peers that disagree on
 * costs never match, even on a strategy that never trades.
 */
public final class ResultDigest {
    private static final String MAGIC = "strategy-miner/result/v1";

    private ResultDigest() {
    }

    public static String of(String engineVersion, DatasetId dataset, Split split, BacktestConfig config,
                            BacktestResult inSample, BacktestResult outOfSample) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 64 * (inSample.trades().size()
                + outOfSample.trades().size()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeUTF(engineVersion);
            out.writeUTF(dataset.hex());
            out.writeInt(split.inSamplePercent());
            writeDouble(out, config.feePct());
            writeDouble(out, config.slippagePct());
            writeDouble(out, config.initialCapital());
            write(out, inSample);
            write(out, outOfSample);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
    }

    private static void write(DataOutputStream out, BacktestResult result) throws IOException {
        out.writeInt(result.range().from());
        out.writeInt(result.range().to());
        out.writeInt(result.trades().size());
        for (Trade t : result.trades()) {
            out.writeInt(t.entryIndex());
            out.writeInt(t.exitIndex());
            writeDouble(out, t.entryPrice());
            writeDouble(out, t.exitPrice());
            writeDouble(out, t.quantity());
            writeDouble(out, t.pnl());
            writeDouble(out, t.returnPct());
            out.writeUTF(t.exitReason().name());
        }
        Metrics m = result.metrics();
        writeDouble(out, m.netPnl());
        writeDouble(out, m.returnPct());
        out.writeInt(m.trades());
        writeDouble(out, m.winRate());
        writeDouble(out, m.sharpe());
        writeDouble(out, m.sortino());
        writeDouble(out, m.maxDrawdownPct());
        writeDouble(out, m.profitFactor());
        writeDouble(out, m.exposurePct());
    }

    private static void writeDouble(DataOutputStream out, double value) throws IOException {
        out.writeLong(Double.doubleToLongBits(value));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
