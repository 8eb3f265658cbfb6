package io.strategyminer.data.importer;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.strategyminer.data.Excerpt;

/**
 * The one naming rule for datasets, used by {@code peer data import}, {@code peer submit --csv}, the HTTP
 * upload and {@code peer data fetch}: a name given by the user is checked, never silently changed; without
 * one, the name comes from the file name. The symbol is the one given, else the one the content declares
 * or names, else one guessed from the file name ({@link SymbolGuess}), else {@link #UNKNOWN_SYMBOL}.
 */
public final class DatasetNames {
    public static final int MAX_NAME_CHARS = 128;
    /** 1–32 characters: upper-case letters, digits and {@code . _ / -}, starting with a letter or digit. */
    public static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9._/-]{0,31}");
    public static final String UNKNOWN_SYMBOL = "UNKNOWN";
    /** Names of the datasets shipped with the peer start with this; nobody else's may. */
    public static final String RESERVED_PREFIX = "bundled-";
    private static final Pattern NOT_IN_NAME = Pattern.compile("[\\p{Cntrl}/\\\\]");
    private static final Pattern NOT_IN_SYMBOL = Pattern.compile("[^A-Z0-9._/-]");

    private DatasetNames() {
    }

    /** A dataset's name and market symbol. */
    public record Label(String name, String symbol) {
        public Label {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(symbol, "symbol");
        }
    }

    /**
     * The label of a dataset read from {@code source}.
     *
     * @param givenName      the user's name, or null for the default from {@code source}
     * @param givenSymbol    the user's symbol, or null to take it from the content or the file name
     * @param declaredSymbol a symbol the content states (a Yahoo chart's {@code meta.symbol}), or null
     * @param hint           text in the content the symbol can be guessed from (a JSON "name"), or null
     * @throws IllegalArgumentException when the given name or symbol breaks the rule (see {@link #checkName},
     *                                  {@link #checkSymbol})
     */
    public static Label label(String source, String givenName, String givenSymbol, String declaredSymbol,
                              String hint) {
        String name = givenName != null ? checkName(givenName) : defaultName(source);
        String symbol = givenSymbol != null ? checkSymbol(givenSymbol)
                : SymbolGuess.from(declaredSymbol)
                .or(() -> declared(declaredSymbol))
                .or(() -> SymbolGuess.from(hint))
                .or(() -> SymbolGuess.from(fileName(source)))
                .orElse(UNKNOWN_SYMBOL);
        return new Label(name, symbol);
    }

    /**
     * A name given by a user, stripped of surrounding blanks.
     *
     * @throws IllegalArgumentException unless it has 1–{@value #MAX_NAME_CHARS} characters, no control
     *                                  character, no slash or backslash, and does not start with
     *                                  {@value #RESERVED_PREFIX}
     */
    public static String checkName(String given) {
        String name = given == null ? "" : given.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("a dataset name has 1 to " + MAX_NAME_CHARS + " characters, got "
                    + name.length() + (name.isEmpty() ? "" : " ('" + Excerpt.of(name) + "')"));
        }
        if (NOT_IN_NAME.matcher(name).find()) {
            throw new IllegalArgumentException("dataset name '" + Excerpt.of(name) + "' contains a slash, a backslash"
                    + " or a control character, which names may not");
        }
        if (name.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
            throw new IllegalArgumentException("dataset name '" + Excerpt.of(name) + "' is reserved: names starting"
                    + " with '" + RESERVED_PREFIX + "' belong to the datasets shipped with the peer");
        }
        return name;
    }

    /**
     * A symbol given by a user, stripped and upper-cased ("eth-usd" → "ETH-USD").
     *
     * @throws IllegalArgumentException unless it then matches {@link #SYMBOL}
     */
    public static String checkSymbol(String given) {
        String symbol = given == null ? "" : given.strip().toUpperCase(Locale.ROOT);
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("symbol '" + Excerpt.of(symbol) + "' is not like BTC-USD: 1 to 32"
                    + " letters, digits and . _ / -, starting with a letter or digit");
        }
        return symbol;
    }

    /**
     * The name a dataset gets when none is given: the file name without its extension, with characters a name
     * may not hold replaced by '_', cut to {@value #MAX_NAME_CHARS} characters, and prefixed "imported-" if it
     * would otherwise be reserved.
     */
    public static String defaultName(String source) {
        String file = fileName(source);
        int dot = file.lastIndexOf('.');
        String name = NOT_IN_NAME.matcher(dot > 0 ? file.substring(0, dot) : file).replaceAll("_").strip();
        if (name.isEmpty()) {
            name = "dataset";
        }
        if (name.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
            name = "imported-" + name;
        }
        return name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS).strip() : name;
    }

    /** The last path segment; not Path.of, since a URL is not a valid path on Windows. */
    private static String fileName(String source) {
        return source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    }

    /** A declared symbol with the characters a symbol may not hold removed ("^GSPC" → "GSPC"), if any is left. */
    private static Optional<String> declared(String declaredSymbol) {
        if (declaredSymbol == null) {
            return Optional.empty();
        }
        String cleaned = NOT_IN_SYMBOL.matcher(declaredSymbol.strip().toUpperCase(Locale.ROOT)).replaceAll("");
        return SYMBOL.matcher(cleaned).matches() ? Optional.of(cleaned) : Optional.empty();
    }
}
