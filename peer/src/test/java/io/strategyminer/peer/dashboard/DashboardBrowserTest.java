package io.strategyminer.peer.dashboard;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static io.strategyminer.peer.runtime.RuntimeTestSupport.prometheusValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.dashboard.StrategyColumns.Column;
import io.strategyminer.peer.dashboard.StrategyColumns.Direction;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.PeerRuntime;
import io.strategyminer.peer.runtime.RuntimeTestSupport;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.logging.Level;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard in a real browser (Debian's chromium, driven through its chromedriver) against two real peer
 * runtimes on loopback, each serving its own dashboard. Peer A's server trusts no source address, as a peer
 * behind a proxy or reached from another machine would, so its form asks for the cluster token: a wrong token is
 * refused with the server's message and adds nothing; a search submitted with the right one
 * appears live on peer B's page (whose loopback form has no token field), completes, both pages list the same canonical strategies (the ledger's), the
 * strategy page draws its charts, and the browser logs no error. A second test puts the views under real sizes:
 * strategies whose figures are huge (a coin that rises ten-million-fold) and tiny (its early prices), figures that
 * are undefined (a week of bundled data), a unit that fails, at 1,280 px and at 2,560 px wide. Screenshots go to
 * {@code <build dir>/screenshots/} for people to look at.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final Duration SEARCH_WAIT = Duration.ofSeconds(75);
    private static final int UNITS = 2;
    /** The widths the views must fit without horizontal scrolling: a common laptop and a large monitor. */
    private static final List<Dimension> SIZES = List.of(new Dimension(1280, 900), new Dimension(2560, 1440));
    /** Hourly candles of the rising coin: 90 days, so both ranges have daily statistics or lack them (63 / 27 days). */
    private static final int RISING_CANDLES = 24 * 90;
    private static final int TRADES_PER_PAGE = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PeerRuntime> peers = new ArrayList<>();
    private final List<HttpEndpoint> endpoints = new ArrayList<>();
    private Path root;
    private ChromeDriverService service;
    private WebDriver browser;
    private Path screenshots;
    private ClusterSecret secret;

    @BeforeEach
    void startTwoPeersAndABrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the dashboard test drives Debian's chromium: install it with "
                        + "'apt-get install -y chromium chromium-driver' (.ci/run does) — " + CHROMIUM + " and "
                        + CHROMEDRIVER + " are missing");
        screenshots = buildDirectory().resolve("screenshots");
        Files.createDirectories(screenshots);
        root = Files.createTempDirectory("sm-dashboard");
        secret = ClusterSecret.generate(new SecureRandom());
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort());
        for (int i = 0; i < ports.size(); i++) {
            String name = i == 0 ? "alpha" : "bravo";
            peers.add(PeerRuntime.start(RuntimeTestSupport.loopbackPeer(name, root.resolve(name), ports.get(i), ports,
                    secret)));
            // peer A trusts nobody: the browser on loopback then needs the token there, like one on another machine
            endpoints.add(i == 0
                    ? HttpEndpoint.start(peers.get(i), "127.0.0.1", 0, config -> config.withTrustedSource(address -> false))
                    : HttpEndpoint.start(peers.get(i), "127.0.0.1", 0));
        }
        await(PAGE_WAIT, "both peers in one view knowing both announcements", () -> peers.stream()
                .allMatch(p -> p.view().size() == 2 && p.read(state -> state.peers().size()) == 2));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                "--window-size=1600,1000", "--user-data-dir=" + Files.createDirectory(root.resolve("chromium")));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        // an explicit driver executable and browser binary: Selenium Manager never looks for (or downloads) one
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PAGE_WAIT).scriptTimeout(PAGE_WAIT);
    }

    @AfterEach
    void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        endpoints.forEach(HttpEndpoint::close);
        peers.forEach(PeerRuntime::close);
        RuntimeTestSupport.deleteTree(root);
    }

    @Test
    void aSearchSubmittedOnOnePeersPageShowsLiveOnAnothersAndBothShowTheSameCanonicalStrategies() throws Exception {
        String pageA = browser.getWindowHandle();
        open(0, "#/searches");
        String pageB = browser.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
        open(1, "#/searches");
        assertFalse(tokenFieldShown(), "no token field where the peer trusts the browser (loopback)");

        browser.switchTo().window(pageA);
        String searchId = submitThroughTheTokenGuardedForm();

        browser.switchTo().window(pageB);
        await(PAGE_WAIT, "search " + searchId + " on peer B's page", () -> !find(searchCard(searchId)).isEmpty());
        screenshot("searches-running");
        await(SEARCH_WAIT, "search " + searchId + " done on peer B's page",
                () -> !find(searchCard(searchId) + "[data-status=DONE]").isEmpty());
        // each done unit shows the fitness of the genome it reported (its canonical strategy's), not a dash
        List<String> fitnessShown = new ArrayList<>();
        await(PAGE_WAIT, "peer B's page showing the reported fitness of every unit", () -> {
            fitnessShown.clear();
            fitnessShown.addAll(bestFitnessColumn(searchId));
            return fitnessShown.equals(reportedFitness(peers.get(1), searchId));
        });
        screenshot("searches-done");

        List<String> windows = List.of(pageA, pageB);
        for (String window : windows) {
            browser.switchTo().window(window);
            navigate("#/strategies?search=" + searchId);
        }
        // a duplicate (speculative) report may still reach its quorum after the search is done, so the lists
        // are compared until they agree: both ledgers, and each page with them
        List<List<String>> shown = new ArrayList<>();
        await(PAGE_WAIT, "peer A's and peer B's pages showing their canonical strategies of " + searchId
                + " in their API's order (DSR), the ledger's canonical ones", () -> {
            List<String> expected = ids(apiStrategies(0, "?search=" + searchId));
            shown.clear();
            for (String window : windows) {
                browser.switchTo().window(window);
                shown.add(shownStrategies());
            }
            return expected.equals(ids(apiStrategies(1, "?search=" + searchId)))
                    && shown.stream().allMatch(expected::equals)
                    && expected.stream().sorted().toList().equals(canonicalIds(peers.get(1), searchId));
        });
        List<String> expected = shown.get(1);
        assertEquals(IntStream.range(0, UNITS).boxed().toList(), unitsOf(peers.get(1), expected),
                "a canonical strategy for every unit: " + expected);
        screenshot("strategies");

        clickLive("#strategies tbody tr a[href^='#/strategy/']");
        awaitReady("strategy");
        assertEquals(expected.get(0), browser.getCurrentUrl().replaceAll(".*#/strategy/", ""), "the best one first");
        String rules = (String) script("return document.getElementById('rules').textContent");
        assertTrue(rules.trim().startsWith("BUY when"), rules);
        await(PAGE_WAIT, "the equity chart drawn", () -> paintedPixels("#equity-chart canvas") > 1_000);
        assertTrue(paintedPixels("#price-chart canvas") > 1_000, "the price chart is drawn");
        assertTrue(paintedPixels("#drawdown-chart canvas") > 0, "the drawdown chart is drawn");
        assertRobustnessShown(expected.get(0), 1);
        assertTrue(browser.findElement(By.id("genome-download")).getAttribute("href").startsWith("blob:"),
                "the genome is offered as a download");
        screenshot("strategy");

        browser.switchTo().window(pageA);
        navigate("#/cluster");
        await(PAGE_WAIT, "both peers on the cluster page, one coordinating",
                () -> find("#peers tbody tr[data-peer]").size() == 2 && find("#peers .badge.coord").size() == 1);
        assertTrue(browser.findElement(By.id("independence")).getText().contains("announced machines"),
                "the cluster page says what a quorum's independence rests on");
        // the test peers announce one machine id: the page says so, with the fix, and marks both rows
        assertTrue(browser.findElement(By.cssSelector("#shared-machines .alert")).getText()
                .contains("announce one machine id"), "the cluster page warns of peers sharing a machine id");
        assertEquals(2, find("#peers .badge.shared").size(), "both rows marked as sharing a machine");
        screenshot("cluster");

        assertEquals(Boolean.TRUE, script("return window.dashboardLoadedOnce === true"),
                "the page of peer A was never reloaded");
        // the browser logs the refused POST of the wrong token, which the test provoked
        List<String> errors = browserErrors(List.of(
                base(0) + "/api/searches - Failed to load resource: the server responded with a status of 403"));
        assertEquals(List.of(), errors, "errors in the browser console");

        // peer B leaves: A's cluster page shows it away, live
        browser.switchTo().window(pageB).close();
        browser.switchTo().window(pageA);
        String bravo = peers.get(1).peerId().hex();
        String metrics = get(1, "/metrics");
        endpoints.remove(1).close();
        peers.remove(1).close();
        await(PAGE_WAIT, "peer B shown away on peer A's cluster page", () -> !find("#peers tr[data-peer='" + bravo
                + "'] .badge.off").isEmpty() && browser.findElement(By.id("view-line")).getText().contains("1 member"));
        screenshot("cluster-after-leave");
        assertEquals(Boolean.TRUE, script("return window.dashboardLoadedOnce === true"), "still without a reload");

        assertTrue(prometheusValue(metrics, "sm_ledger_events_applied_total\\{origin=\"remote\"\\}") > 0,
                "events from peer A");
        assertTrue(prometheusValue(metrics, "sm_ledger_received_bytes_total") > 0, "bytes received from peer A");
        assertEquals(2.0, prometheusValue(metrics, "sm_peers_in_view"), "peers in view");
    }

    @Test
    void theViewsHoldHugeTinyAndUndefinedFiguresAtTwoWindowSizes() throws Exception {
        String risingDataset = upload("rising-coin-1h", risingCoinCsv());
        String rising = submit(risingDataset, 12, 4, 2, 2, 30, 5);
        String bundled = submit("bundled-btcusd-5m", 12, 4, 2, 2, 1, 20261125);
        String failing = submit("bundled-btcusd-5m", 4, 1, 1, 1, 1_000_000, 9); // no genome makes a million trades
        await(SEARCH_WAIT, "searches " + rising + " and " + bundled + " done, " + failing + " failed", () -> {
            Map<String, String> status = new HashMap<>();
            api(1, "/api/searches").get("searches").forEach(s -> status.put(s.get("id").asText(), s.get("status").asText()));
            return "DONE".equals(status.get(rising)) && "DONE".equals(status.get(bundled))
                    && "FAILED".equals(status.get(failing));
        });
        open(1, "#/strategies");

        for (Dimension size : SIZES) {
            browser.manage().window().setSize(size);
            String suffix = "-" + size.getWidth();
            await(PAGE_WAIT, "a window " + size.getWidth() + " px wide",
                    () -> ((Number) script("return innerWidth")).intValue() == size.getWidth());

            navigate("#/strategies");
            List<JsonNode> ranked = awaitDefaultOrder();
            assertEquals(4, ranked.size(), "a canonical strategy per unit of both searches: " + ids(ranked));
            assertFitsTheWindow("strategies", "#strategies td, #strategies th");
            assertUndefinedFiguresSayWhy(ranked);
            assertHugeFiguresAbbreviated(ranked);
            assertRulesReadable(ranked);
            screenshot("strategies" + suffix);
            assertSortsByEveryColumn(ranked);
            clickLive("#strategies th[data-key='oosReturn']");
            await(PAGE_WAIT, "sorted by holdout return", () -> "oosReturn:desc".equals(attribute("#strategies", "data-sort")));
            screenshot("strategies-by-holdout-return" + suffix);
            assertFilters(ranked, risingDataset, rising);

            JsonNode busiest = ranked.stream().filter(s -> s.at("/dataset/id").asText().equals(risingDataset))
                    .max(Comparator.comparingInt(s -> s.at("/inSample/trades").asInt())).orElseThrow();
            assertStrategyPage(busiest, suffix);
            JsonNode shortRange = ranked.stream().filter(s -> s.get("searchId").asText().equals(bundled)).findFirst()
                    .orElseThrow();
            assertUndefinedSignificance(shortRange, suffix);
            assertSearchesPage(rising, failing, suffix);
        }
        assertActivityFeedStartsWithHistory(List.of(rising, bundled, failing));
        assertEquals(List.of(), browserErrors(List.of()), "errors in the browser console");
    }

    /**
     * A walk-forward submitted through the API: the searches page lists its windows with the API's statuses, dates
     * and test returns, and once every window has finished, the stitched out-of-sample record and its chart.
     */
    @Test
    void aWalkForwardShowsItsWindowsAndItsStitchedRecord() throws Exception {
        String body = "{\"dataset\": \"bundled-btcusd-5m\", \"population\": 12, \"generations\": 4,"
                + " \"walkForward\": 3, \"quorum\": 2, \"minTrades\": 1, \"seed\": 20261202,"
                + " \"allowSameMachine\": true}";
        HttpResponse<String> response = LoopbackTestSupport.send(HttpRequest.newBuilder(
                        URI.create(base(1) + "/api/searches")).timeout(PAGE_WAIT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, response.statusCode(), response.body());
        String id = parse(response.body()).get("id").asText();
        assertEquals(3, api(1, "/api/searches/" + id).get("workUnits").asInt(), "one unit per window by default");
        await(SEARCH_WAIT, "walk-forward " + id + " done",
                () -> api(1, "/api/searches/" + id).get("status").asText().equals("DONE"));
        JsonNode walkForward = api(1, "/api/searches/" + id + "/walk-forward");
        assertEquals(walkForward.toString(), api(0, "/api/searches/" + id + "/walk-forward").toString(),
                "both peers compute the same windows and stitched record");
        open(1, "#/searches");
        String panel = ".search[data-search='" + id + "'] ";
        await(PAGE_WAIT, "the stitched chart drawn", () -> !find(panel + ".wf-chart canvas").isEmpty());
        assertEquals("3", attribute(panel + ".walk-forward", "data-windows-finished"));
        for (JsonNode window : walkForward.get("windowList")) {
            String row = panel + "tr[data-window='" + window.get("window").asInt() + "'] ";
            assertEquals(window.get("status").asText(), attribute(row.strip(), "data-window-status"));
            if (window.hasNonNull("outOfSample")) {
                assertEquals(String.format(Locale.ROOT, "%.2f%%", window.at("/outOfSample/returnPct").asDouble())
                        .replace("-", ""), text(row + ".test-return").replace("+", "").replace("−", "")
                        .replace("-", ""), "test return of window " + window.get("window"));
            }
        }
        // a finished unit's holder is the peer whose result became canonical, not its last lease's holder
        for (JsonNode unit : api(1, "/api/searches/" + id).get("units")) {
            String reporter = unit.get("canonical").asText().split("-")[0];
            assertEquals(reporter, attribute(panel + "tr[data-unit='" + unit.get("unit").asInt() + "'] .holder .chip",
                    "title"), "unit " + unit.get("unit"));
        }
        JsonNode stitched = walkForward.get("stitched");
        assertEquals(stitched.get("efficiency").isNull() ? "n/a"
                : String.format(Locale.ROOT, "%.2f", stitched.get("efficiency").asDouble()), text(panel + ".efficiency"));
        assertTrue(text(panel + ".stitched-return").contains(String.format(Locale.ROOT, "%.2f",
                Math.abs(stitched.at("/metrics/returnPct").asDouble()))), text(panel + ".stitched-return"));
        screenshot("searches-walk-forward");
        assertEquals(List.of(), browserErrors(List.of()), "errors in the browser console");
    }

    /** The browser console's errors so far, but for those starting with one of {@code provoked}. */
    private List<String> browserErrors(List<String> provoked) {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && provoked.stream().noneMatch(entry.getMessage()::startsWith)) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /** Waits until the table shows the API's canonical strategies in the API's order (best DSR first); returns them. */
    private List<JsonNode> awaitDefaultOrder() {
        List<JsonNode> ranked = new ArrayList<>();
        await(PAGE_WAIT, "the strategies table in the API's order", () -> {
            ranked.clear();
            ranked.addAll(apiStrategies(1, ""));
            return "default".equals(attribute("#strategies", "data-sort")) && ids(ranked).equals(shownStrategies());
        });
        // the API's order is by DSR on in-sample data: defined ones first, best first
        List<Double> dsr = ranked.stream().map(s -> s.at("/significance/deflatedSharpe"))
                .takeWhile(JsonNode::isNumber).map(JsonNode::asDouble).toList();
        assertFalse(dsr.isEmpty(), "strategies with a defined DSR (the rising coin's) rank first: " + ids(ranked));
        assertEquals(dsr.stream().sorted(Comparator.reverseOrder()).toList(), dsr, "best DSR first");
        return ranked;
    }

    /** No horizontal scrolling of the page, no panel scrolling sideways, no cell whose content is cut. */
    private void assertFitsTheWindow(String page, String cells) {
        Map<?, ?> fit = (Map<?, ?>) script("""
                const cut = e => e.scrollWidth > e.clientWidth + 1;
                return {page: document.documentElement.scrollWidth, window: innerWidth,
                        panels: [...document.querySelectorAll('.panel')].filter(cut).map(e => e.id || e.className),
                        cells: [...document.querySelectorAll(arguments[0])].filter(cut).map(e => e.textContent.trim())};""",
                cells);
        int width = ((Number) fit.get("window")).intValue();
        assertTrue(((Number) fit.get("page")).intValue() <= width,
                page + ": the page is " + fit.get("page") + " px wide in a " + width + " px window");
        assertEquals(List.of(), fit.get("panels"), page + ": panels scrolling sideways at " + width + " px");
        assertEquals(List.of(), fit.get("cells"), page + ": cells whose content is cut at " + width + " px");
    }

    /** Every null figure is "n/a" with the reason on hover: the DSR's from the API, a statistic's by its days. */
    private void assertUndefinedFiguresSayWhy(List<JsonNode> ranked) {
        int checked = 0;
        for (JsonNode s : ranked) {
            List<Map<String, String>> cells = strategyCells(s.get("id").asText());
            if (s.at("/significance/deflatedSharpe").isNull()) {
                assertEquals(Map.of("text", "n/a", "title", s.at("/significance/undefined").asText()), cells.get(3),
                        "DSR of " + s.get("id") + ", with why it is undefined");
                checked++;
            }
            if (s.at("/outOfSample/sharpe").isNull()) {
                assertEquals("n/a", cells.get(13).get("text"), "holdout Sharpe of " + s.get("id"));
                assertTrue(cells.get(13).get("title").startsWith("the holdout has " + s.at("/outOfSample/days").asInt()
                        + " daily returns"), "why the holdout Sharpe is undefined: " + cells.get(13));
                checked++;
            }
        }
        assertTrue(checked >= 2, "undefined figures in the table: " + checked);
    }

    /** The rising coin's buy-and-hold return (millions of percent) shows abbreviated, its exact figure on hover. */
    private void assertHugeFiguresAbbreviated(List<JsonNode> ranked) {
        JsonNode huge = ranked.stream().filter(s -> s.at("/buyAndHold/inSample/returnPct").asDouble() > 1e6)
                .findFirst().orElseThrow(() -> new AssertionError("no buy-and-hold return above 1,000,000 %"));
        Map<String, String> hold = strategyCells(huge.get("id").asText()).get(7);
        assertTrue(hold.get("text").matches("\\+\\d{1,3}(\\.\\d{1,2})?[KMBT]%"), "abbreviated: " + hold);
        double exact = Double.parseDouble(hold.get("title").replaceAll("[+,%]", ""));
        assertEquals(huge.at("/buyAndHold/inSample/returnPct").asDouble(), exact, 1e-6, "the exact figure on hover");
    }

    /**
     * The cells of a strategy's row, each as its text and the hover text of the first element in it that has one,
     * read in one script: a live re-render cannot replace the row halfway.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, String>> strategyCells(String id) {
        return (List<Map<String, String>>) script("""
                return [...document.querySelectorAll(`#strategies tr[data-strategy="${arguments[0]}"] td`)].map(td =>
                    ({text: td.textContent.trim(), title: td.querySelector('[title]')?.getAttribute('title') ?? ''}));""",
                id);
    }

    /** Each strategy's rules sentence is shown whole, on its own full-width row. */
    private void assertRulesReadable(List<JsonNode> ranked) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) script("""
                return [...document.querySelectorAll('#strategies tr.rules-row .rules')].map(e => ({text: e.textContent,
                    cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1}));""");
        assertEquals(ranked.stream().map(s -> s.get("rules").asText()).toList(),
                rules.stream().map(r -> (String) r.get("text")).toList(), "every rules sentence, whole");
        assertTrue(rules.stream().noneMatch(r -> Boolean.TRUE.equals(r.get("cut"))), "no rules sentence cut: " + rules);
    }

    /**
     * A click on each header sorts the table by that column (holdout ones included: the user's explicit choice),
     * a second click reverses it, and a click on "#" restores the API's order.
     */
    private void assertSortsByEveryColumn(List<JsonNode> ranked) {
        List<String> defaultOrder = ids(ranked);
        for (Column column : StrategyColumns.ALL) {
            for (Direction direction : List.of(column.first(), column.first().reversed())) {
                clickLive("#strategies th[data-key='" + column.key() + "']");
                List<String> expected = StrategyColumns.sorted(ranked, column, direction);
                await(PAGE_WAIT, "the table sorted by " + column.key() + " " + direction, () ->
                        (column.key() + ":" + direction.attribute()).equals(attribute("#strategies", "data-sort"))
                                && expected.equals(shownStrategies()));
            }
            boolean holdout = column.key().startsWith("oos");
            assertEquals(holdout, text("#sort-note").contains("holdout"),
                    "the note that a holdout column orders the table, when sorted by " + column.key());
        }
        clickLive("#strategies th[data-key='rank']");
        await(PAGE_WAIT, "the API's order again", () -> "default".equals(attribute("#strategies", "data-sort"))
                && defaultOrder.equals(shownStrategies()));
    }

    /** The dataset filter keeps that dataset's strategies, the search filter that search's, in the API's order. */
    private void assertFilters(List<JsonNode> ranked, String datasetId, String searchId) {
        choose("#dataset-filter", datasetId);
        awaitReady("strategies");
        List<String> ofDataset = ranked.stream().filter(s -> s.at("/dataset/id").asText().equals(datasetId))
                .map(s -> s.get("id").asText()).toList();
        await(PAGE_WAIT, "only dataset " + datasetId + "'s strategies", () -> ofDataset.equals(shownStrategies()));
        navigate("#/strategies");
        choose("#search-filter", searchId);
        awaitReady("strategies");
        await(PAGE_WAIT, "only search " + searchId + "'s strategies",
                () -> ids(apiStrategies(1, "?search=" + searchId)).equals(shownStrategies()));
        choose("#status-filter", "all");
        awaitReady("strategies");
        await(PAGE_WAIT, "every status of search " + searchId, () -> ids(apiStrategies(1, "?status=all&search="
                + searchId)).equals(shownStrategies()));
        navigate("#/strategies");
    }

    /**
     * The strategy page of a rising-coin strategy: the significance panel with the API's DSR, PSR, luck bar and trial
     * count; metric panels that cut no figure; in-sample trades paged (prices of a millionth of a dollar shown as
     * such) and sortable.
     */
    private void assertStrategyPage(JsonNode summary, String suffix) throws IOException {
        String id = summary.get("id").asText();
        JsonNode detail = api(1, "/api/strategies/" + id);
        navigate("#/strategy/" + id);
        await(PAGE_WAIT, "the equity chart drawn", () -> paintedPixels("#equity-chart canvas") > 1_000);
        JsonNode significance = summary.get("significance");
        assertEquals(significance.get("deflatedSharpe").asDouble(), Double.parseDouble(attribute("[data-dsr]", "data-dsr")), "DSR");
        assertEquals(significance.get("probabilisticSharpe").asDouble(),
                Double.parseDouble(attribute("[data-psr]", "data-psr")), "PSR");
        assertEquals(significance.get("luckSharpe").asDouble(), Double.parseDouble(attribute("[data-luck]", "data-luck")),
                "the luck bar");
        assertEquals(String.format(Locale.US, "%,d genomes", significance.get("trials").asLong()),
                text("#significance .trials"), "the trial count");
        assertTrue(text("#significance").contains("chance that this strategy's true Sharpe"), "the DSR in words");
        assertFitsTheWindow("strategy " + id, "table.metrics td, #significance, #trades td");
        double hold = summary.at("/buyAndHold/inSample/returnPct").asDouble();
        String shown = (String) script("return [...document.querySelectorAll('#metrics-in-sample tr')]"
                + ".find(row => row.cells[0].textContent === 'Return').cells[2].textContent");
        assertEquals(hold, Double.parseDouble(shown.replaceAll("[+,%]", "")), 0.006, "buy-and-hold's return, whole: " + shown);
        screenshot("strategy" + suffix);

        clickLive("#range-tabs button[data-range=inSample]");
        JsonNode trades = detail.at("/backtest/inSample/trades");
        assertTrue(trades.size() > TRADES_PER_PAGE, "more in-sample trades than a page: " + trades.size());
        await(PAGE_WAIT, "the first page of the in-sample trades", () -> tradeNumbers().equals(
                IntStream.rangeClosed(1, TRADES_PER_PAGE).boxed().toList()));
        assertTrue(text("#trades-pager").contains("of " + trades.size()), "the pager: " + text("#trades-pager"));
        double firstPrice = trades.get(0).get("entryPrice").asDouble();
        String firstShown = text("#trades tbody tr td:nth-child(3)");
        assertEquals(1.0, Double.parseDouble(firstShown.replace(",", "")) / firstPrice, 1e-3,
                "a tiny entry price shown with its significant digits: " + firstShown + " for " + firstPrice);
        clickLive("#trades-pager button[data-page=next]");
        await(PAGE_WAIT, "the second page", () -> tradeNumbers().get(0) == TRADES_PER_PAGE + 1);
        clickLive("#trades th[data-key=pnl]");
        List<Integer> byPnl = IntStream.range(0, trades.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -trades.get(i).get("pnl").asDouble())
                        .thenComparing(i -> i))
                .limit(TRADES_PER_PAGE).map(i -> i + 1).toList();
        await(PAGE_WAIT, "the trades by PnL, biggest first, from the first page", () -> tradeNumbers().equals(byPnl));
        script("document.getElementById('trades').scrollIntoView()");
        screenshot("strategy-trades" + suffix);
    }

    /**
     * The strategy page's robustness section shows the API's figures: the Monte Carlo fan drawn (bootstrapped, then
     * reshuffled), every neighbour on the gene grid in the API's order with its return, and the p-value against random
     * entries, also in the significance panel.
     */
    private void assertRobustnessShown(String id, int peer) throws IOException {
        JsonNode robustness = JSON.readTree(get(peer, "/api/strategies/" + id + "/robustness")).get("robustness");
        assertTrue(robustness.isObject(), "a canonical strategy has robustness figures: " + robustness);
        await(PAGE_WAIT, "the Monte Carlo fan drawn", () -> paintedPixels("#fan-chart canvas") > 1_000);
        List<List<String>> expected = new ArrayList<>();
        robustness.at("/neighbours/list").forEach(n -> expected.add(List.of(n.get("parameter").asText(),
                n.get("to").asText(), Double.toString(n.get("returnPct").asDouble()))));
        @SuppressWarnings("unchecked")
        List<List<String>> shown = ((List<List<String>>) script("""
                return [...document.querySelectorAll('#neighbours tbody tr[data-parameter]')].map(row =>
                    [row.dataset.parameter, row.cells[2].textContent.trim(), row.querySelector('[data-return]').dataset.return]);
                """)).stream().map(row -> List.of(row.get(0), row.get(1), Double.toString(Double.parseDouble(row.get(2)))))
                .toList();
        assertFalse(expected.isEmpty(), "the strategy has neighbours on the grid");
        assertEquals(expected, shown, "the neighbour table: the API's neighbours, in order, with their returns");
        double pValue = robustness.at("/randomEntries/pValue").asDouble();
        assertEquals(pValue, Double.parseDouble((String) script(
                "return document.querySelector('#random-entries [data-p-value]').dataset.pValue")));
        assertEquals(pValue, Double.parseDouble((String) script(
                "return document.querySelector('#significance [data-p-value]').dataset.pValue")), "beside the DSR");
        assertTrue(text("#monte-carlo").contains("Drawdown · bootstrap"), text("#monte-carlo"));
        browser.findElement(By.cssSelector("#fan-tabs button[data-mc='reshuffled']")).click();
        await(PAGE_WAIT, "the reshuffled fan drawn", () -> paintedPixels("#fan-chart canvas") > 1_000
                && !find("#fan-tabs button[data-mc='reshuffled'].on").isEmpty());
        script("document.getElementById('robustness').scrollIntoView()");
        screenshot("strategy-robustness");
        script("window.scrollTo(0, 0)");
    }

    /** A strategy of a week of data: DSR and PSR are "n/a", and the panel says why in the API's words. */
    private void assertUndefinedSignificance(JsonNode summary, String suffix) throws IOException {
        navigate("#/strategy/" + summary.get("id").asText());
        assertEquals(2L, script("return document.querySelectorAll('#significance .sig-figure .na').length"),
                "DSR and PSR n/a");
        assertTrue(text("#significance").contains(summary.at("/significance/undefined").asText()),
                "why: " + text("#significance"));
        assertFitsTheWindow("strategy " + summary.get("id").asText(), "table.metrics td, #significance");
        screenshot("strategy-short-range" + suffix);
    }

    /**
     * The searches page names each search's dataset and its costs, shows why a unit failed, and its form takes its
     * inputs' bounds and defaults from {@code /api/search-parameters}.
     */
    private void assertSearchesPage(String rising, String failing, String suffix) throws IOException {
        navigate("#/searches");
        JsonNode search = api(1, "/api/searches/" + rising);
        assertEquals(search.at("/dataset/name").asText() + " " + search.at("/dataset/symbol").asText() + " · "
                + search.at("/dataset/timeframe").asText(), text(searchCard(rising) + " .dataset"));
        assertEquals(String.format(Locale.US, "fee %.2f%% · slippage %.2f%% per side",
                search.at("/parameters/feePct").asDouble(), search.at("/parameters/slippagePct").asDouble()),
                text(searchCard(rising) + " .costs"));
        String reason = api(1, "/api/searches/" + failing).at("/units/0/failure").asText();
        assertFalse(reason.isBlank(), "the failed unit's reason in the API");
        assertTrue(text(searchCard(failing) + " [data-unit-failure='0']").contains(reason),
                "the failed unit's reason on the page");
        await(PAGE_WAIT, "the form built", () -> !find("#submit-form[data-parameters=loaded]").isEmpty());
        for (JsonNode parameter : api(1, "/api/search-parameters").get("numbers")) {
            String input = "#submit-form input[name=" + parameter.get("field").asText() + "]";
            for (String bound : List.of("min", "max", "value")) {
                assertEquals(parameter.get(bound.equals("value") ? "default" : bound).asDouble(),
                        Double.parseDouble(attribute(input, bound)), parameter.get("field").asText() + " " + bound);
            }
        }
        assertFitsTheWindow("searches", ".search td");
        screenshot("searches" + suffix);
    }

    /** A dashboard opened after the searches lists them in its activity feed at once, before any new event. */
    private void assertActivityFeedStartsWithHistory(List<String> searches) throws IOException {
        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.WINDOW);
        open(1, "#/cluster");
        await(PAGE_WAIT, "the feed's history naming every search", () -> {
            String history = (String) script("return [...document.querySelectorAll('#feed [data-history]')]"
                    + ".map(line => line.textContent).join('\\n')");
            return searches.stream().allMatch(history::contains);
        });
        assertFitsTheWindow("cluster", "#peers td");
        screenshot("cluster-history");
        browser.close();
        browser.switchTo().window(first);
    }

    /** Uploads a candle file to peer B as the dataset {@code name}; returns its id. */
    private String upload(String name, String csv) {
        HttpResponse<String> response = LoopbackTestSupport.send(HttpRequest.newBuilder(
                        URI.create(base(1) + "/api/datasets?name=" + name)).timeout(PAGE_WAIT)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build());
        assertEquals(201, response.statusCode(), response.body());
        return parse(response.body()).get("id").asText();
    }

    /** Submits a search to peer B (same-machine votes count: both peers run here); returns its id. */
    private String submit(String dataset, int population, int generations, int units, int quorum, int minTrades,
                          long seed) {
        String body = String.format(Locale.ROOT, "{\"dataset\": \"%s\", \"population\": %d, \"generations\": %d,"
                        + " \"workUnits\": %d, \"quorum\": %d, \"minTrades\": %d, \"seed\": %d, \"allowSameMachine\": true}",
                dataset, population, generations, units, quorum, minTrades, seed);
        HttpResponse<String> response = LoopbackTestSupport.send(HttpRequest.newBuilder(
                        URI.create(base(1) + "/api/searches")).timeout(PAGE_WAIT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, response.statusCode(), response.body());
        return parse(response.body()).get("id").asText();
    }

    /**
     * A coin that rises ten-million-fold in 90 days of hourly candles, from $0.0000012, with 1 % noise per hour (so
     * its daily returns vary): huge returns, tiny prices, quantities in the millions. Seeded: the same file each run.
     */
    private static String risingCoinCsv() {
        Random random = new Random(7);
        double growth = Math.log(1e7) / RISING_CANDLES;
        double price = 0.0000012;
        StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int i = 0; i < RISING_CANDLES; i++) {
            double open = price;
            double close = open * Math.exp(growth + 0.01 * random.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.003 * Math.abs(random.nextGaussian()));
            double low = Math.min(open, close) * (1 - 0.003 * Math.abs(random.nextGaussian()));
            csv.append(1_699_999_200L + 3_600L * i).append(',').append(decimal(open)).append(',')
                    .append(decimal(high)).append(',').append(decimal(low)).append(',').append(decimal(close))
                    .append(',').append(100 + random.nextInt(900)).append('\n');
            price = close;
        }
        return csv.toString();
    }

    private static String decimal(double value) {
        return new BigDecimal(value, new MathContext(10)).toPlainString();
    }

    /** The strategies a peer's API lists ({@code query} after the path), in its order. */
    private List<JsonNode> apiStrategies(int peer, String query) {
        return StreamSupport.stream(api(peer, "/api/strategies" + query + (query.isEmpty() ? "?" : "&")
                + "limit=1000").get("strategies").spliterator(), false).toList();
    }

    private static List<String> ids(List<JsonNode> strategies) {
        return strategies.stream().map(s -> s.get("id").asText()).toList();
    }

    private JsonNode api(int peer, String path) {
        return parse(get(peer, path));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The "#" of each trade row shown: its place in the range's trade list. */
    @SuppressWarnings("unchecked")
    private List<Integer> tradeNumbers() {
        return ((List<String>) script("return [...document.querySelectorAll('#trades tbody tr')]"
                + ".map(row => row.cells[0].textContent.trim())")).stream().map(Integer::valueOf).toList();
    }

    /** The text of the first element matching {@code css}, read in one script (a live re-render may replace it). */
    private String text(String css) {
        return (String) script("return document.querySelector(arguments[0])?.textContent.trim() ?? ''", css);
    }

    /** Chooses {@code value} in a select and tells the page, as a user's choice would. */
    private void choose(String select, String value) {
        script("const s = document.querySelector(arguments[0]); s.value = arguments[1];"
                + " s.dispatchEvent(new Event('change'));", select, value);
    }

    private String attribute(String css, String name) {
        return (String) script("return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? ''", css, name);
    }

    /**
     * Fills the search form of the current page (peer A, which needs the token), submits it with a wrong token
     * (refused, nothing added), then with the right one; returns the new search's id.
     */
    private String submitThroughTheTokenGuardedForm() throws IOException {
        await(PAGE_WAIT, "the datasets in the form", () -> !find("#submit-form select[name=dataset] option").isEmpty());
        await(PAGE_WAIT, "the form built from the peer's parameters", () -> !find("#submit-form[data-parameters=loaded]").isEmpty());
        browser.findElement(By.xpath(
                "//form[@id='submit-form']//select[@name='dataset']/option[starts-with(., 'bundled-btcusd-5m')]")).click();
        Map<String, String> fields = Map.of("population", "12", "generations", "4", "workUnits", Integer.toString(UNITS),
                "quorum", "2", "minTrades", "1", "seed", "20261125");
        fields.forEach((name, value) -> {
            WebElement input = browser.findElement(By.cssSelector("#submit-form input[name=" + name + "]"));
            input.clear();
            input.sendKeys(value);
        });
        browser.findElement(By.cssSelector("#submit-form input[name=allowSameMachine]")).click();
        assertTrue(tokenFieldShown(), "the token field, since peer A trusts no source");

        WebElement message = submitWithToken("not-the-cluster-token");
        assertTrue(message.getAttribute("class").contains("err")
                && message.getText().startsWith("the cluster token is wrong: `peer token`"),
                "the server's refusal in the form: " + message.getAttribute("class") + " " + message.getText());
        screenshot("search-form-token");
        assertEquals(0, (int) peers.get(0).read(state -> state.searches().size()), "a refused search adds nothing");

        message = submitWithToken(HttpEndpoint.token(secret));
        assertTrue(message.getText().startsWith("submitted "), "the form's answer: " + message.getText());
        String id = message.getAttribute("data-search-id");
        boolean stored = peers.get(0).read(state -> state.search(id).isPresent());
        assertTrue(stored, "search " + id + " is in peer A's ledger");
        return id;
    }

    /** Whether the form shows the token field, once the page learnt from {@code /api/status} whether it needs it. */
    private boolean tokenFieldShown() {
        await(PAGE_WAIT, "the form told whether changes need the token",
                () -> !find("#submit-form[data-changes-need-token]").isEmpty());
        return browser.findElement(By.cssSelector("#submit-form input[name=token]")).isDisplayed();
    }

    /** Submits the filled form with {@code token} and returns its message once the server answered. */
    private WebElement submitWithToken(String token) {
        WebElement field = browser.findElement(By.cssSelector("#submit-form input[name=token]"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#submit-form button[type=submit]")).click();
        WebElement message = browser.findElement(By.id("submit-msg"));
        // the click resets the message's class before the request leaves, so "ok" or "err" is this answer's
        await(PAGE_WAIT, "the form's answer", () -> message.getAttribute("class").matches(".*\\b(ok|err)\\b.*"));
        return message;
    }

    private void open(int peer, String route) {
        browser.get(base(peer) + "/" + route);
        script("window.dashboardLoadedOnce = true"); // a reload would drop it
        await(PAGE_WAIT, "the live event stream of " + base(peer),
                () -> "true".equals(script("return document.body.dataset.live || ''")));
        awaitReady(route.replaceAll("^#/(\\w+).*", "$1"));
    }

    /** Changes the route inside the page (no reload) and waits for the new page's first data. */
    private void navigate(String route) {
        script("location.hash = arguments[0]", route);
        awaitReady(route.replaceAll("^#/(\\w+).*", "$1"));
    }

    private void awaitReady(String page) {
        await(PAGE_WAIT, "page " + page + " ready", () -> Boolean.TRUE.equals(script(
                "const p = document.getElementById('page'); return p.dataset.page === arguments[0] && p.dataset.ready === 'true'",
                page)));
    }

    /** The strategy ids the table shows, read in one script: a live re-render cannot replace rows halfway. */
    @SuppressWarnings("unchecked")
    private List<String> shownStrategies() {
        return (List<String>) script("return [...document.querySelectorAll('#strategies tbody tr[data-strategy]')]"
                + ".map(row => row.dataset.strategy)");
    }

    /**
     * Clicks the first element matching {@code css}, scrolled to the middle of the window (not under the sticky
     * header). Pages re-render as live events arrive, so the element found may be replaced before the click lands;
     * it is then found again.
     */
    private void clickLive(String css) {
        await(PAGE_WAIT, "a click on " + css, () -> {
            try {
                WebElement element = browser.findElement(By.cssSelector(css));
                script("arguments[0].scrollIntoView({block: 'center'})", element);
                element.click();
                return true;
            } catch (StaleElementReferenceException replaced) {
                return false;
            }
        });
    }

    /** The canonical strategies of a search in the ledger, one per unit (its earliest), by id. */
    private static List<String> canonicalIds(PeerRuntime peer, String searchId) {
        return peer.read(state -> state.search(searchId).orElseThrow().units().stream()
                .flatMap(unit -> unit.canonical().stream()).map(Object::toString).sorted().toList());
    }

    /** The "best fitness" cell of each unit row of a search's card, as shown. */
    @SuppressWarnings("unchecked")
    private List<String> bestFitnessColumn(String searchId) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])]"
                + ".map(row => row.cells[4].textContent.trim())", searchCard(searchId) + " tbody tr");
    }

    /** Per unit, its canonical strategy's in-sample fitness by the search's objective, formatted as the page does. */
    private static List<String> reportedFitness(PeerRuntime peer, String searchId) {
        return peer.read(state -> {
            SearchSpec spec = state.search(searchId).orElseThrow().spec();
            return state.search(searchId).orElseThrow().units().stream().map(unit -> unit.canonical()
                    .flatMap(id -> unit.reports().stream().filter(r -> r.id().equals(id)).findFirst())
                    .map(r -> spec.objective().fitness(r.report().inSample(), spec.minTrades()))
                    .filter(OptionalDouble::isPresent)
                    .map(f -> String.format(Locale.US, "%,.3f", f.getAsDouble())).orElse("–")).toList();
        });
    }

    /** The units the strategies belong to, distinct and sorted. */
    private static List<Integer> unitsOf(PeerRuntime peer, List<String> strategies) {
        return peer.read(state -> state.strategies().stream().filter(s -> strategies.contains(s.id().toString()))
                .map(s -> s.report().unit()).distinct().sorted().toList());
    }

    /** Pixels of a canvas that are not transparent: zero for a chart that was never drawn. */
    private long paintedPixels(String canvas) {
        Object count = script("""
                const c = document.querySelector(arguments[0]);
                if (!c || c.width === 0) return 0;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
                return n;""", canvas);
        return ((Number) count).longValue();
    }

    private static String searchCard(String searchId) {
        return ".search[data-search='" + searchId + "']";
    }

    private List<WebElement> find(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    private Object script(String code, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(code, args);
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve("dashboard-" + name + ".png"), png);
    }

    private String base(int peer) {
        return "http://127.0.0.1:" + endpoints.get(peer).address().getPort();
    }

    private String get(int peer, String path) {
        HttpResponse<String> response = LoopbackTestSupport.get(base(peer) + path, PAGE_WAIT);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** This build's output folder ({@code target/} or the one {@code -Dsm.target} names): where the test classes are. */
    private static Path buildDirectory() {
        try {
            return Path.of(DashboardBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
