package io.strategyminer.data.importer;

/** The input formats the importer reads; {@link CandleImporter} detects them unless told. */
public enum ImportFormat {
    /** CSV with a header naming time, open, high, low, close and volume columns in any order. */
    CSV,
    /** CSV of trades ({@code timestamp,price,amount}) aggregated into candles. */
    TRADES_CSV,
    /** Coinbase Advanced Trade: {@code {"candles":[{"start":"<unix s>","low":"…",…},…]}}. */
    COINBASE_ADVANCED_JSON,
    /** Coinbase Exchange: {@code [[time, low, high, open, close, volume],…]}, newest first. */
    COINBASE_EXCHANGE_JSON,
    /** {@code {"name":…,"ohlc":[{"endTime":<ms>,"openPrice":…,…},…]}} with endTime the candle's last millisecond. */
    OHLC_JSON,
    /** A top-level array of candle objects: {@code [{"Date":<ms>,"Open":…,"High":…,…},…]} (pandas records). */
    RECORDS_JSON,
    /**
     * Yahoo Finance's chart API: {@code {"chart":{"result":[{"meta":{"symbol":…},"timestamp":[<unix s>,…],
     * "indicators":{"quote":[{"open":[…],"high":[…],"low":[…],"close":[…],"volume":[…]}]}}]}}}.
     */
    YAHOO_CHART_JSON
}
