package io.strategyminer.data.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.Timeframe;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.GapReport;
import io.strategyminer.data.importer.ImportFormat;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.importer.InvalidCandleDataException;
import io.strategyminer.data.importer.SuspectCandlesException;
import io.strategyminer.data.importer.SuspectScreen;
import io.strategyminer.data.store.CandleFile;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.data.suspect.SuspectPolicy;

/**
 * Fetches candles from the Coinbase Exchange public endpoint
 * {@code GET /products/{product}/candles?granularity=&start=&end=} into the dataset store.
 *
 * <ul>
 *   <li><b>Paged:</b> the endpoint returns at most {@value #MAX_CANDLES_PER_REQUEST} candles, so the range is
 *       cut into pages of 300 candle slots aligned to multiples of 300 × granularity since the epoch. The
 *       alignment keeps page boundaries the same from one run to the next, whatever "now" is.</li>
 *   <li><b>Paced and retried:</b> requests start at least {@code 1000 / maxRequestsPerSecond} ms apart; 429,
 *       5xx and network errors are retried with exponential backoff (or the server's Retry-After), up to
 *       {@code maxAttempts} per page; any other 4xx (e.g. an unknown product) stops at once.</li>
 *   <li><b>Resumable:</b> each completed page is written (atomically) under {@code <data dir>/fetch/}; a
 *       re-run after an interruption reads those pages instead of requesting them again. They are removed
 *       once the dataset is stored.</li>
 * </ul>
 */
public final class CoinbaseFetcher {
    public static final int MAX_CANDLES_PER_REQUEST = 300;
    /** A page of 300 candles is about 20 KB; anything far bigger is not a candles response. */
    static final int MAX_BODY_BYTES = 8 << 20;
    private static final Pattern PAGE_FILE = Pattern.compile("(-?\\d+)_(-?\\d+)_(-?\\d+)\\.candles");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final FetchSettings settings;
    private final FetchClock clock;
    private final HttpClient http;
    private long lastRequestStart = Long.MIN_VALUE;
    private int requests;

    public CoinbaseFetcher(Path dataDir, FetchSettings settings, FetchClock clock) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** One page: candles with open time in {@code [from, to)}, page number {@code index} on the aligned grid. */
    record Page(long index, long from, long to) {
        String fileName() {
            return index + "_" + from + "_" + to + ".candles";
        }
    }

    /** Fetches the range and stores it as a dataset, refusing suspect candles. */
    public FetchResult fetch(FetchRequest request, FetchProgress progress) throws IOException {
        return fetch(request, SuspectPolicy.REFUSE, progress);
    }

    /**
     * Fetches the range and stores it as a dataset. The candles go through the same suspect check as an import,
     * over the whole range at once (a page boundary is not a market boundary).
     *
     * @param suspects what to do with suspect candles
     * @throws FetchException           when the exchange refuses the request ({@link FetchException#rejected()}), or
     *                                  a page still fails after every attempt (pages done so far are kept for a
     *                                  re-run)
     * @throws SuspectCandlesException when suspect candles are refused; the pages are kept, so fetching again with
     *                                  another policy downloads nothing
     */
    public FetchResult fetch(FetchRequest request, SuspectPolicy suspects, FetchProgress progress) throws IOException {
        List<Page> pages = pages(request);
        Path progressDir = progressDir(request);
        Files.createDirectories(progressDir);
        List<CandleSeries> fetched = new ArrayList<>();
        int resumed = 0;
        long candles = 0;
        progress.update(0, pages.size(), 0);
        for (Page page : pages) {
            CandleSeries done = resumedPage(progressDir, page);
            if (done != null) {
                resumed++;
            } else {
                done = download(request, page);
                CandleFile.write(progressDir.resolve(page.fileName()), done);
            }
            fetched.add(done);
            candles += done.size();
            progress.update(fetched.size(), pages.size(), candles);
        }
        CandleSeriesBuilder all = new CandleSeriesBuilder((int) Math.min(candles + 1, Integer.MAX_VALUE));
        for (CandleSeries page : fetched) {
            for (int i = 0; i < page.size(); i++) {
                all.add(page, i);
            }
        }
        if (all.size() == 0) {
            throw new FetchException("Coinbase has no " + request.product() + " candles between "
                    + Instant.ofEpochSecond(request.start()) + " and " + Instant.ofEpochSecond(request.end()), true);
        }
        SuspectScreen.Screened screened = SuspectScreen.screen(all.build(), i -> "fetched candle " + i, suspects,
                source(request));
        Dataset dataset = Dataset.of(name(request), request.product(), request.granularitySeconds(),
                screened.candles(), screened.cleaning());
        DatasetInfo stored = new DatasetStore(dataDir).save(dataset, source(request));
        deleteProgress(progressDir);
        return new FetchResult(dataset, stored, pages.size(), resumed, requests,
                GapReport.of(dataset.candles(), request.granularitySeconds(), stored.calendar()));
    }

    /** The aligned pages covering the request, oldest first. */
    static List<Page> pages(FetchRequest request) {
        long span = MAX_CANDLES_PER_REQUEST * request.granularitySeconds();
        List<Page> pages = new ArrayList<>();
        for (long k = Math.floorDiv(request.start(), span); k <= Math.floorDiv(request.end() - 1, span); k++) {
            pages.add(new Page(k, Math.max(k * span, request.start()), Math.min((k + 1) * span, request.end())));
        }
        return pages;
    }

    /** The folder holding the completed pages of interrupted fetches of this product and granularity. */
    Path progressDir(FetchRequest request) {
        return dataDir.resolve("fetch").resolve("coinbase-" + request.product() + "-" + request.granularitySeconds() + "s");
    }

    /** The page's candles from an earlier run that covered at least its range, or null. */
    private static CandleSeries resumedPage(Path progressDir, Page page) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(progressDir, page.index() + "_*.candles")) {
            for (Path file : files) {
                Matcher m = PAGE_FILE.matcher(file.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) == page.index()
                        && Long.parseLong(m.group(2)) <= page.from() && Long.parseLong(m.group(3)) >= page.to()) {
                    return within(CandleFile.read(file), page);
                }
            }
        }
        return null;
    }

    private CandleSeries download(FetchRequest request, Page page) throws IOException {
        URI uri = settings.baseUrl().resolve(settings.baseUrl().getPath().replaceAll("/$", "") + "/products/"
                + URLEncoder.encode(request.product(), StandardCharsets.UTF_8) + "/candles?granularity="
                + request.granularitySeconds() + "&start=" + Instant.ofEpochSecond(page.from())
                // The end is the page's exclusive bound; whether the exchange includes it or not, within() keeps
                // only this page's candles, and (to - from) / granularity never exceeds 300.
                + "&end=" + Instant.ofEpochSecond(page.to()));
        HttpRequest httpRequest = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "strategy-miner")
                .GET().build();
        for (int attempt = 1; ; attempt++) {
            pace();
            String failure;
            long retryAfterMillis = -1;
            try {
                requests++;
                HttpResponse<byte[]> response = send(httpRequest);
                byte[] body = response.body();
                int status = response.statusCode();
                if (status == 200) {
                    return parse(body, uri, request, page);
                }
                if (status != 429 && status < 500) {
                    throw new FetchException(rejection(status, body, request), true);
                }
                failure = "HTTP " + status;
                retryAfterMillis = response.headers().firstValue("Retry-After")
                        .filter(v -> v.matches("\\d{1,6}")).map(v -> Long.parseLong(v) * 1000).orElse(-1L);
            } catch (FetchException e) {
                throw e;
            } catch (IOException e) {
                failure = e.toString();
            }
            if (attempt >= settings.maxAttempts()) {
                throw new FetchException("gave up on " + uri + " after " + attempt + " attempts (last: " + failure
                        + "); the pages fetched so far are kept: run the same command again to resume", false);
            }
            long wait = retryAfterMillis >= 0 ? Math.min(retryAfterMillis, settings.maxBackoff().toMillis())
                    : settings.backoffMillis(attempt);
            sleep(wait);
        }
    }

    /** Waits until the next request may start. */
    private void pace() throws InterruptedIOException {
        if (lastRequestStart != Long.MIN_VALUE) {
            long next = lastRequestStart + settings.intervalMillis();
            for (long now = clock.millis(); now < next; now = clock.millis()) {
                sleep(next - now);
            }
        }
        lastRequestStart = clock.millis();
    }

    private void sleep(long millis) throws InterruptedIOException {
        try {
            clock.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("fetch interrupted");
        }
    }

    private static CandleSeries parse(byte[] body, URI uri, FetchRequest request, Page page) throws FetchException {
        if (new String(body, StandardCharsets.UTF_8).replaceAll("\\s", "").equals("[]")) {
            return new CandleSeriesBuilder().build(); // no trades in this stretch, or before the product was listed
        }
        try {
            ImportOptions options = new ImportOptions(ImportFormat.COINBASE_EXCHANGE_JSON, request.granularitySeconds())
                    .unscreened();
            return within(CandleImporter.read(new ByteArrayInputStream(body), uri.toString(), options).candles(), page);
        } catch (InvalidCandleDataException e) {
            throw new FetchException("the exchange sent candles that do not validate: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new FetchException("cannot read the response of " + uri + ": " + e.getMessage(), false, e);
        }
    }

    /** The candles of {@code series} whose open time is in the page. */
    private static CandleSeries within(CandleSeries series, Page page) {
        CandleSeriesBuilder kept = new CandleSeriesBuilder(series.size());
        for (int i = 0; i < series.size(); i++) {
            if (series.time()[i] >= page.from() && series.time()[i] < page.to()) {
                kept.add(series, i);
            }
        }
        return kept.build();
    }

    /**
     * One request with a deadline on the WHOLE response: HttpClient's own timeout stops at the headers, so a
     * body that stalls halfway would otherwise block the fetch forever.
     */
    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(request, info -> new BoundedBody(MAX_BODY_BYTES));
        try {
            return response.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true); // aborts the exchange (JDK 16+)
            throw new HttpTimeoutException("no complete response within " + settings.requestTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("fetch interrupted");
        }
    }

    /** Collects a response body, refusing one larger than a page of candles could be. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            if (bytes.size() > limit && !result.isDone()) {
                subscription.cancel();
                result.completeExceptionally(new IOException("the response is larger than " + limit
                        + " bytes: not a candles page"));
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    private static String rejection(int status, byte[] body, FetchRequest request) {
        String message;
        try {
            JsonNode node = JSON.readTree(body);
            message = node != null && node.hasNonNull("message") ? node.get("message").asText()
                    : new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        message = message.length() > 200 ? message.substring(0, 200) + "…" : message;
        if (status == 404) {
            return "Coinbase does not know the product " + request.product() + " (HTTP 404: " + message + ")";
        }
        return "Coinbase refused the request for " + request.product() + " at "
                + Timeframe.label(request.granularitySeconds()) + " (HTTP " + status + ": " + message + ")";
    }

    private static String name(FetchRequest request) {
        return "coinbase-" + request.product() + "-" + Timeframe.label(request.granularitySeconds()) + "-"
                + DAY.format(Instant.ofEpochSecond(request.start())) + "-" + DAY.format(Instant.ofEpochSecond(request.end()));
    }

    private String source(FetchRequest request) {
        return settings.baseUrl() + "/products/" + request.product() + "/candles?granularity="
                + request.granularitySeconds();
    }

    private static void deleteProgress(Path progressDir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(progressDir)) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
        Files.delete(progressDir);
    }
}
