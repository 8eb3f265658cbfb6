package io.strategyminer.peer.dashboard;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static io.strategyminer.peer.runtime.RuntimeTestSupport.prometheusValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.state.StrategyStatus;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.PeerRuntime;
import io.strategyminer.peer.runtime.RuntimeTestSupport;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * strategy page draws its charts, and the browser logs no error. Screenshots go to
 * {@code <build dir>/screenshots/} for people to look at.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final Duration SEARCH_WAIT = Duration.ofSeconds(75);
    private static final int UNITS = 2;

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
        await(PAGE_WAIT, "peer A's and peer B's pages showing their ledgers' canonical strategies of " + searchId, () -> {
            List<String> expected = canonicalIds(peers.get(0), searchId);
            shown.clear();
            for (String window : windows) {
                browser.switchTo().window(window);
                shown.add(shownStrategies());
            }
            return expected.equals(canonicalIds(peers.get(1), searchId)) && shown.stream().allMatch(expected::equals);
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
        assertTrue(browser.findElement(By.id("genome-download")).getAttribute("href").startsWith("blob:"),
                "the genome is offered as a download");
        screenshot("strategy");

        browser.switchTo().window(pageA);
        navigate("#/cluster");
        await(PAGE_WAIT, "both peers on the cluster page, one coordinating",
                () -> find("#peers tbody tr[data-peer]").size() == 2 && find("#peers .badge.coord").size() == 1);
        screenshot("cluster");

        assertEquals(Boolean.TRUE, script("return window.dashboardLoadedOnce === true"),
                "the page of peer A was never reloaded");
        List<String> errors = new ArrayList<>();
        // the browser logs the refused POST of the wrong token, which the test provoked
        String refusal = base(0) + "/api/searches - Failed to load resource: the server responded with a status of 403";
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !entry.getMessage().startsWith(refusal)) {
                errors.add(entry.getMessage());
            }
        }
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

    /**
     * Fills the search form of the current page (peer A, which needs the token), submits it with a wrong token
     * (refused, nothing added), then with the right one; returns the new search's id.
     */
    private String submitThroughTheTokenGuardedForm() throws IOException {
        await(PAGE_WAIT, "the datasets in the form", () -> !find("#submit-form select[name=dataset] option").isEmpty());
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
                && message.getText().equals("the cluster token is wrong"),
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
     * Clicks the first element matching {@code css}. Pages re-render as live events arrive, so the element found
     * may be replaced before the click lands; it is then found again.
     */
    private void clickLive(String css) {
        await(PAGE_WAIT, "a click on " + css, () -> {
            try {
                browser.findElement(By.cssSelector(css)).click();
                return true;
            } catch (StaleElementReferenceException replaced) {
                return false;
            }
        });
    }

    /** Canonical strategies of a search in the ledger, best first as the API orders them (total net PnL, then id). */
    private static List<String> canonicalIds(PeerRuntime peer, String searchId) {
        return peer.read(state -> state.strategies().stream()
                .filter(s -> s.status() == StrategyStatus.CANONICAL && s.report().searchId().equals(searchId))
                .sorted(Comparator.comparingDouble((StrategyView s) -> -(s.report().inSample().netPnl()
                        + s.report().outOfSample().netPnl())).thenComparing(StrategyView::id))
                .map(s -> s.id().toString()).toList());
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
            SearchSubmitted spec = state.search(searchId).orElseThrow().spec();
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
