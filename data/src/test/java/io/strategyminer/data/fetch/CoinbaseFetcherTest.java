package io.strategyminer.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.fetch.FakeCoinbaseExchange.Failure;
import io.strategyminer.data.fetch.FakeCoinbaseExchange.Request;
import io.strategyminer.data.importer.SuspectCandlesException;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.data.suspect.SuspectPolicy;

/** The fetcher against a local stand-in for the exchange; time is fake, so nothing really waits. */
@Timeout(60)
class CoinbaseFetcherTest {
    /** 300 candles × 300 s: the page grid for 5-minute candles. */
    private static final long SPAN = 90_000;
    private static final long GRID = 18_889 * SPAN; // 2023-11-15T01:00:00Z, on the page grid

    @TempDir
    Path dataDir;

    private final FakeClock clock = new FakeClock();
    private FakeCoinbaseExchange exchange;

    @BeforeEach
    void start() throws IOException {
        exchange = new FakeCoinbaseExchange(clock::millis);
    }

    @AfterEach
    void stop() {
        exchange.close();
    }

    private CoinbaseFetcher fetcher() {
        return new CoinbaseFetcher(dataDir, FetchSettings.defaults().withBaseUrl(exchange.url()), clock);
    }

    @Test
    void pagesOfAtMost300CandlesCoverTheRangeAndTheResultIsStored() throws IOException {
        // Starts mid-page: pages [s, grid+1), [grid+1, grid+2), [grid+2, grid+3), [grid+3, end).
        long start = GRID + SPAN / 2;
        long end = start + 864 * 300; // 3 days of 5-minute candles
        List<int[]> progress = new ArrayList<>();
        FetchResult result = fetcher().fetch(new FetchRequest("BTC-USD", 300, start, end),
                (done, total, candles) -> progress.add(new int[] {done, total, (int) candles}));

        List<Request> requests = exchange.requests();
        assertEquals(4, requests.size());
        assertEquals(4, result.pages());
        assertEquals(4, result.requests());
        assertEquals(0, result.pagesResumed());
        for (Request r : requests) {
            assertEquals(200, r.status());
            assertEquals("BTC-USD", r.product());
            assertEquals(300, r.granularity());
            assertTrue((r.end() - r.start()) / 300 <= 300, "at most 300 candles per request");
        }
        assertEquals(start, requests.get(0).start());
        assertEquals(GRID + SPAN, requests.get(1).start());
        assertEquals(end, requests.get(3).end());

        Dataset d = result.dataset();
        assertEquals(exchange.candles(300, start, end), d.candles(), "every candle once, oldest first");
        assertEquals("BTC-USD", d.symbol());
        assertEquals(300, d.timeframeSeconds());
        assertEquals("coinbase-BTC-USD-5m-20231115-20231118", d.name());
        assertEquals(864 - d.size(), result.gaps().missingCandles(), "slots without trades are reported as gaps");
        assertTrue(result.gaps().count() > 0);

        assertEquals(d, new DatasetStore(dataDir).load(d.id()));
        assertFalse(Files.exists(fetcher().progressDir(new FetchRequest("BTC-USD", 300, start, end))),
                "progress is removed once the dataset is stored");

        assertEquals(5, progress.size());
        assertEquals(List.of(0, 4, 0), List.of(progress.get(0)[0], progress.get(0)[1], progress.get(0)[2]));
        assertEquals(List.of(4, 4, d.size()), List.of(progress.get(4)[0], progress.get(4)[1], progress.get(4)[2]));
    }

    @Test
    void requestsAreSpacedByTheRateLimit() throws IOException {
        fetcher().fetch(new FetchRequest("BTC-USD", 60, GRID, GRID + 60 * 1500), FetchProgress.NONE);
        List<Request> requests = exchange.requests();
        assertEquals(5, requests.size());
        for (int i = 1; i < requests.size(); i++) {
            long gap = requests.get(i).arrivedMillis() - requests.get(i - 1).arrivedMillis();
            assertTrue(gap >= 334, "3 requests/s at most: " + gap + " ms between requests " + (i - 1) + " and " + i);
        }
        assertEquals(List.of(334L, 334L, 334L, 334L), clock.sleeps(), "no sleep before the first request");
    }

    @Test
    void retriesAfter429ServerErrorsAndBrokenResponsesWithBackoff() throws IOException {
        exchange.fail(Failure.TOO_MANY_REQUESTS, Failure.SERVER_ERROR, Failure.TRUNCATED_BODY);
        FetchResult result = fetcher().fetch(new FetchRequest("BTC-USD", 300, GRID, GRID + 3000), FetchProgress.NONE);

        assertEquals(List.of(429, 500, -1, 200), exchange.requests().stream().map(Request::status).toList());
        assertEquals(4, result.requests());
        // Retry-After: 2 is honoured, then the backoff doubles from 1 s: 2 s after the 2nd failure, 4 s after the 3rd.
        assertEquals(List.of(2_000L, 2_000L, 4_000L), clock.sleeps());
        assertEquals(exchange.candles(300, GRID, GRID + 3000), result.dataset().candles());
    }

    @Test
    void aResponseThatStallsHalfwayTimesOutAndIsRetried() throws IOException {
        exchange.fail(Failure.STALLED_BODY);
        // A short real deadline: the one thing in these tests that waits on the wall clock (half a second).
        FetchSettings quick = new FetchSettings(exchange.url(), 3, 6, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMillis(500));
        FetchResult result = new CoinbaseFetcher(dataDir, quick, clock)
                .fetch(new FetchRequest("BTC-USD", 300, GRID, GRID + 3000), FetchProgress.NONE);
        assertEquals(List.of(-2, 200), exchange.requests().stream().map(Request::status).toList());
        assertEquals(List.of(1_000L), clock.sleeps());
        assertEquals(exchange.candles(300, GRID, GRID + 3000), result.dataset().candles());
    }

    @Test
    void givesUpAfterTheLastAttemptAndStoresNothing() throws IOException {
        exchange.outageAfter(0);
        FetchException e = assertThrows(FetchException.class,
                () -> fetcher().fetch(new FetchRequest("BTC-USD", 300, GRID, GRID + 3000), FetchProgress.NONE));
        assertFalse(e.rejected());
        assertTrue(e.getMessage().contains("after 6 attempts (last: HTTP 500)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("run the same command again to resume"), e.getMessage());
        assertEquals(6, exchange.requests().size());
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L), clock.sleeps());
        assertEquals(List.of(), new DatasetStore(dataDir).list());
    }

    @Test
    void anUnknownProductIsRefusedAtOnce() {
        FetchException e = assertThrows(FetchException.class,
                () -> fetcher().fetch(new FetchRequest("NOPE-USD", 300, GRID, GRID + 3000), FetchProgress.NONE));
        assertTrue(e.rejected());
        assertEquals("Coinbase does not know the product NOPE-USD (HTTP 404: NotFound)", e.getMessage());
        assertEquals(1, exchange.requests().size(), "a 4xx is not retried");
    }

    @Test
    void aRerunAfterAnInterruptionFetchesOnlyTheMissingPages() throws IOException {
        long start = GRID;
        long end = GRID + 4 * SPAN;
        exchange.outageAfter(2);
        assertThrows(FetchException.class,
                () -> fetcher().fetch(new FetchRequest("BTC-USD", 300, start, end), FetchProgress.NONE));
        assertEquals(List.of(), new DatasetStore(dataDir).list(), "an interrupted fetch stores no dataset");
        Path progressDir = fetcher().progressDir(new FetchRequest("BTC-USD", 300, start, end));
        try (Stream<Path> pages = Files.list(progressDir)) {
            assertEquals(2, pages.count(), "the two completed pages are kept");
        }

        // The re-run happens 10 minutes later, so "the last N days" has moved by two candles.
        exchange.healthy();
        int before = exchange.requests().size();
        FetchResult result = fetcher().fetch(new FetchRequest("BTC-USD", 300, start + 600, end + 600), FetchProgress.NONE);
        List<Request> rerun = exchange.requests().subList(before, exchange.requests().size());

        assertEquals(2, result.pagesResumed());
        assertEquals(3, result.requests(), "pages 3 and 4, and a 5th holding the two new candles");
        assertEquals(List.of(GRID + 2 * SPAN, GRID + 3 * SPAN, GRID + 4 * SPAN), rerun.stream().map(Request::start).toList());
        assertEquals(exchange.candles(300, start + 600, end + 600), result.dataset().candles(),
                "the same candles as an uninterrupted fetch");
        assertFalse(Files.exists(progressDir));
    }

    @Test
    void aBadTickIsRefusedThenCleanedFromTheKeptPagesWithoutDownloadingAgain() throws IOException {
        FetchRequest request = new FetchRequest("BTC-USD", 300, GRID, GRID + 2 * SPAN);
        long bad = GRID + SPAN + 600;
        exchange.badTickAt(bad);
        SuspectCandlesException e = assertThrows(SuspectCandlesException.class,
                () -> fetcher().fetch(request, FetchProgress.NONE));
        assertEquals(1, e.suspects().size(), e.getMessage());
        assertEquals(bad, e.suspects().get(0).time());
        assertTrue(e.suspects().get(0).location().startsWith("fetched candle "), e.suspects().get(0).location());
        assertEquals(List.of(), new DatasetStore(dataDir).list(), "refused: nothing stored");

        int before = exchange.requests().size();
        FetchResult repaired = fetcher().fetch(request, SuspectPolicy.REPAIR, FetchProgress.NONE);
        assertEquals(before, exchange.requests().size(), "the kept pages are used again");
        assertEquals(2, repaired.pagesResumed());
        assertEquals("repaired 1 suspect candle", repaired.stored().cleaning().summary());
        assertEquals(repaired.dataset(), new DatasetStore(dataDir).load(repaired.dataset().id()));
        for (double low : repaired.dataset().candles().low()) {
            assertTrue(low > 19_000, "low " + low);
        }
    }

    @Test
    void emptyStretchesAreGapsAndAnEmptyRangeIsAnError() throws IOException {
        exchange.noTradesBetween(GRID + SPAN, GRID + 2 * SPAN);
        FetchResult result = fetcher().fetch(new FetchRequest("ETH-USD", 300, GRID, GRID + 3 * SPAN), FetchProgress.NONE);
        assertEquals(exchange.candles(300, GRID, GRID + 3 * SPAN), result.dataset().candles());
        assertTrue(result.gaps().largest().missingCandles() >= 300, result.gaps().summary());

        exchange.noTradesBetween(0, Long.MAX_VALUE);
        FetchException e = assertThrows(FetchException.class,
                () -> fetcher().fetch(new FetchRequest("ETH-USD", 300, GRID, GRID + 3000), FetchProgress.NONE));
        assertTrue(e.rejected());
        assertEquals("Coinbase has no ETH-USD candles between 2023-11-15T01:00:00Z and 2023-11-15T01:50:00Z", e.getMessage());
    }

    @Test
    void requestsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new FetchRequest("btc usd", 300, GRID, GRID + 300));
        assertEquals("granularity 120 s is not one Coinbase serves: 1m, 5m, 15m, 1h, 6h or 1d",
                assertThrows(IllegalArgumentException.class, () -> new FetchRequest("BTC-USD", 120, 0, 1200)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FetchRequest("BTC-USD", 300, 100, 1200));
        assertThrows(IllegalArgumentException.class, () -> FetchRequest.lastDays("BTC-USD", 300, 0, Instant.now()));

        FetchRequest r = FetchRequest.lastDays("btc-usd", 300, 90, Instant.parse("2025-11-25T10:07:31Z"));
        assertEquals("BTC-USD", r.product());
        assertEquals(Instant.parse("2025-11-25T10:05:00Z").getEpochSecond(), r.end(), "up to the last closed candle");
        assertEquals(90 * 288, r.candleSlots());
        // 25,920 slots are 86.4 pages of 300; this range starts 29,100 s into a page, so it touches 87.
        assertEquals(87, CoinbaseFetcher.pages(r).size());
    }
}
