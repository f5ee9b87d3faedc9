package nl.ketenbus.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import nl.ketenbus.devinfra.NpmTools;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, never a
 * downloaded browser) on the pages: sign in as a dev user, open pages, use the keyboard, check each
 * page with axe-core (WCAG 2.0/2.1 A and AA) and save screenshots under {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final ChromeDriver driver;
    private final URI pages;
    private final String axe;
    private final Path screenshots;

    Browser(URI pages) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The page tests need Debian's Chromium and its driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver poppler-utils "
                    + "(.ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--window-size=1280,1000", "--lang=nl");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        this.pages = pages;
        this.axe = Files.readString(NpmTools.installed("tools/page-check").resolve("node_modules/axe-core/axe.min.js"));
        this.screenshots = Files.createDirectories(Path.of("target", "screenshots"));
    }

    /** Signs in through the (dev) identity provider's page as {@code username}; lands on the start page. */
    void signIn(String username) {
        driver.manage().deleteAllCookies();
        driver.get(pages.resolve("/").toString());
        driver.findElement(By.cssSelector("button[value='" + username + "']")).click();
        // The provider's answer redirects back through the pages' callback to the start page.
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> {
            String at = browser.getCurrentUrl();
            return at.startsWith(pages.toString()) && !at.contains("/login/oauth2/");
        });
    }

    void open(String path) {
        driver.get(pages.resolve(path).toString());
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Presses Tab until the element with {@code id} has the focus (at most 200 times): keyboard only. */
    void tabTo(String id) {
        for (int pressed = 0; pressed < 200; pressed++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            if (id.equals(driver.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    /** Types keys into whatever has the focus. */
    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    String focused() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    /** Runs a script on the current page (the tests use it to break a page on purpose). */
    void execute(String script) {
        driver.executeScript(script);
    }

    /** axe-core's violations of WCAG 2.0/2.1 A and AA on the current page: rule id and the elements. */
    @SuppressWarnings("unchecked")
    List<String> accessibilityViolations() {
        JavascriptExecutor script = driver;
        script.executeScript(axe);
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: " + toJs(WCAG) + "}})"
                + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    private static String toJs(List<String> values) {
        return "['" + String.join("','", values) + "']";
    }

    /** Saves a full-page screenshot as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        Map<String, Object> size = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Object height = ((Map<?, ?>) size.get("cssContentSize")).get("height");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280,
                "height", Math.min(4000, ((Number) height).intValue()), "deviceScaleFactor", 1, "mobile", false));
        try {
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** The session cookie the pages gave this browser. */
    Cookie sessionCookie() {
        return driver.manage().getCookieNamed("KETENBUS_SESSION");
    }

    /** Fetches {@code path} with this browser's session (e.g. the report's PDF, which the browser downloads). */
    byte[] fetchWithSession(String path) throws IOException, InterruptedException {
        Cookie session = driver.manage().getCookieNamed("KETENBUS_SESSION");
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(pages.resolve(path))
                .header("Cookie", session.getName() + "=" + session.getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return answer.body();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
