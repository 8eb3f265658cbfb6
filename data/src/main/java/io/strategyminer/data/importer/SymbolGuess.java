package io.strategyminer.data.importer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guesses a market symbol from text such as a file name ("btcusd-bitstamp-5m-2011.csv",
 * "BTC-USD_FIVE_MINUTE.csv") or a JSON name ("ETH/USD_PT5M@BinanceUS"): a base of 2–6 letters
 * followed, optionally after a separator, by a well-known quote currency.
 */
final class SymbolGuess {
    private static final Pattern PAIR =
            Pattern.compile("(?<![a-z])([a-z]{2,6}?)[-_/ ]?(usdt|usdc|usd|eur|gbp|jpy|btc|eth)(?![a-z])");

    private SymbolGuess() {
    }

    /** "BTC-USD" style, or empty when the text names no pair. */
    static Optional<String> from(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = PAIR.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (!m.group(1).equals(m.group(2))) {
                return Optional.of((m.group(1) + "-" + m.group(2)).toUpperCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
