package io.jiesu.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real browser for the console's tests: Selenium WebDriver driving Debian's {@code chromium} through Debian's
 * {@code chromedriver}, headless. When they are missing and the tests run as root (as CI does), the packages are
 * installed with apt-get, Chinese fonts included so that screenshots show the pages as people see them.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final String baseUrl;
    final WebDriverWait wait;

    private ConsoleBrowser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static ConsoleBrowser open(String baseUrl, int width, int height) throws Exception {
        ensureInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=zh-CN", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), baseUrl);
    }

    static synchronized void ensureInstalled() throws Exception {
        boolean fonts = Files.isDirectory(Path.of("/usr/share/fonts/opentype/noto"));
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) && fonts) {
            return;
        }
        Process install = new ProcessBuilder("sh", "-c", "export DEBIAN_FRONTEND=noninteractive; "
                + "apt-get install -y chromium chromium-driver fonts-noto-cjk || "
                + "(apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk)")
                .redirectErrorStream(true).start();
        install.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!install.waitFor(15, TimeUnit.MINUTES) || !Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("no Chromium/chromedriver: apt-get install -y chromium chromium-driver "
                    + "fonts-noto-cjk (as root)");
        }
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    /** Signs in and waits until the person's desk is shown (its header has the sign-out form). */
    void signIn(String username, String password) {
        trySignIn(username, password);
        waitFor(By.cssSelector("form[action='/logout'] button"));
    }

    /** Submits the sign-in form without waiting for a desk (for sign-ins that are meant to fail). */
    void trySignIn(String username, String password) {
        go("/login");
        type(By.id("j_username"), username);
        type(By.id("j_password"), password);
        WebElement button = driver.findElement(By.id("sign-in"));
        button.click();
        wait.until(d -> left(button)); // the answer to this submit is loaded, not the old page
    }

    /**
     * Whether {@code element}'s page has been left. Chromium answers a question about a node of the page just left
     * either with a stale-element error or, while the new page replaces it, with "Node with given id does not belong
     * to the document" (an unknown error): both mean the same here; Selenium's {@code stalenessOf} knows only the first.
     */
    static boolean left(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    void signOut() {
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        waitFor(By.id("j_username"));
    }

    WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void type(By by, String text) {
        WebElement e = waitFor(by);
        e.clear();
        e.sendKeys(text);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String text(By by) {
        return waitFor(by).getText();
    }

    /** A full-page screenshot into {@code target/console-screenshots/} (and, when asked, into docs/console/). */
    Path screenshot(String name, boolean forDocs) throws Exception {
        File png = driver.getScreenshotAs(OutputType.FILE);
        Path dir = ServiceProcess.ROOT.resolve("system-tests/target/console-screenshots");
        Files.createDirectories(dir);
        Path target = dir.resolve(name + ".png");
        Files.copy(png.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (forDocs && Boolean.getBoolean("jiesu.docs.screenshots")) {
            Path docs = ServiceProcess.ROOT.resolve("docs/console");
            Files.createDirectories(docs);
            Files.copy(png.toPath(), docs.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
