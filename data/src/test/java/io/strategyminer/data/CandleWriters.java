package io.strategyminer.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a series in each input format the importer reads, so tests can check that the same candles
 * read from any of them are the same dataset. {@link Double#toString} is the shortest text that reads
 * back to the same bits.
 */
public final class CandleWriters {
    private CandleWriters() {
    }

    /** CSV with shuffled columns, ISO-8601 times with an offset, CRLF line ends and a semicolon delimiter. */
    public static String csvIsoSemicolon(CandleSeries s) {
        StringBuilder out = new StringBuilder("Volume;\"Close\";DATE;low;High;open\r\n");
        for (int i = 0; i < s.size(); i++) {
            String time = Instant.ofEpochSecond(s.time()[i] + 3600).toString().replace("Z", "+01:00");
            out.append(s.volume()[i]).append(';').append('"').append(s.close()[i]).append("\";").append(time)
                    .append(';').append(s.low()[i]).append(';').append(s.high()[i]).append(';').append(s.open()[i])
                    .append("\r\n");
        }
        return out.toString();
    }

    /** Plain CSV with unix milliseconds. */
    public static String csvMillis(CandleSeries s) {
        StringBuilder out = new StringBuilder("open_time,o,h,l,c,v\n");
        for (int i = 0; i < s.size(); i++) {
            out.append(s.time()[i] * 1000).append(',').append(s.open()[i]).append(',').append(s.high()[i]).append(',')
                    .append(s.low()[i]).append(',').append(s.close()[i]).append(',').append(s.volume()[i]).append('\n');
        }
        return out.toString();
    }

    /** Coinbase Exchange: {@code [[time, low, high, open, close, volume], …]} newest first. */
    public static String coinbaseExchange(CandleSeries s) {
        List<String> rows = new ArrayList<>();
        for (int i = s.size() - 1; i >= 0; i--) {
            rows.add("[" + s.time()[i] + "," + s.low()[i] + "," + s.high()[i] + "," + s.open()[i] + "," + s.close()[i]
                    + "," + s.volume()[i] + "]");
        }
        return "[" + String.join(",\n", rows) + "]";
    }

    /** Coinbase Advanced Trade: values as strings. */
    public static String coinbaseAdvanced(CandleSeries s, boolean newestFirst) {
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < s.size(); k++) {
            int i = newestFirst ? s.size() - 1 - k : k;
            rows.add("{\"start\":\"" + s.time()[i] + "\",\"low\":\"" + s.low()[i] + "\",\"high\":\"" + s.high()[i]
                    + "\",\"open\":\"" + s.open()[i] + "\",\"close\":\"" + s.close()[i] + "\",\"volume\":\""
                    + s.volume()[i] + "\"}");
        }
        return "{\"candles\":[\n" + String.join(",\n", rows) + "\n]}";
    }

    /** The {@code ohlc} shape: endTime is the candle's last millisecond. */
    public static String ohlc(CandleSeries s, long timeframeSeconds) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            long endTime = (s.time()[i] + timeframeSeconds) * 1000 - 1;
            rows.add("{\"endTime\":" + endTime + ",\"openPrice\":" + s.open()[i] + ",\"highPrice\":" + s.high()[i]
                    + ",\"lowPrice\":" + s.low()[i] + ",\"closePrice\":" + s.close()[i] + ",\"volume\":" + s.volume()[i]
                    + ",\"amount\":0.0}");
        }
        return "{\"name\":\"BTC/USD_PT5M@Test\",\"ohlc\":[" + String.join(",", rows) + "]}";
    }

    /** A top-level array of candle objects with millisecond dates, as pandas writes a Yahoo download. */
    public static String recordsMillis(CandleSeries s) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            rows.add("{\"Date\":" + s.time()[i] * 1000 + ",\"Open\":" + s.open()[i] + ",\"High\":" + s.high()[i]
                    + ",\"Low\":" + s.low()[i] + ",\"Close\":" + s.close()[i] + ",\"Adj Close\":" + s.close()[i]
                    + ",\"Volume\":" + s.volume()[i] + "}");
        }
        return "[" + String.join(",", rows) + "]";
    }

    /** Yahoo's chart API: columns of values under one result, times in unix seconds. */
    public static String yahooChart(CandleSeries s, String symbol) {
        StringBuilder out = new StringBuilder("{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"")
                .append(symbol).append("\",\"dataGranularity\":\"1d\"},\"timestamp\":[");
        out.append(join(s.time())).append("],\"indicators\":{\"quote\":[{");
        out.append("\"volume\":[").append(join(s.volume())).append("],");
        out.append("\"open\":[").append(join(s.open())).append("],");
        out.append("\"high\":[").append(join(s.high())).append("],");
        out.append("\"close\":[").append(join(s.close())).append("],");
        out.append("\"low\":[").append(join(s.low())).append("]}],");
        out.append("\"adjclose\":[{\"adjclose\":[").append(join(s.close())).append("]}]}}],\"error\":null}}");
        return out.toString();
    }

    private static String join(long[] values) {
        StringBuilder out = new StringBuilder();
        for (long v : values) {
            out.append(out.length() == 0 ? "" : ",").append(v);
        }
        return out.toString();
    }

    private static String join(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : ",").append(v);
        }
        return out.toString();
    }
}
