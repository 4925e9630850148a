package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfront.devkit.RepoRoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interactive docs in a real browser (headless Chromium over the DevTools protocol) against a started
 * local API: the page lists every route, and "Try it out" calls the local API, with the bearer token when
 * one is given. Skipped, saying so, where no Chromium is installed (`.ci/run` installs Debian's).
 */
class ApiDocsBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RENDER = Duration.ofSeconds(15);
    private static LocalApi api;
    private static HeadlessChromium browser;

    private static final String NO_BROWSER =
            "No chromium (or google-chrome) on the PATH: the browser test of /_docs is skipped."
                    + " Install one (Debian: apt-get install chromium; .ci/run does) to run it.";

    @BeforeAll
    static void start() throws Exception {
        Path binary = HeadlessChromium.binary().orElse(null);
        if (binary == null) {
            // Each test says it is skipped, and why (a skip in @BeforeAll shows in no report).
            return;
        }
        // Both take seconds: they start side by side, and the page is loaded once for every test.
        java.util.concurrent.CompletableFuture<LocalApi> starting =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> LocalApi.start(
                        new LocalOptions(0, 0, 0, null, null, RepoRoot.find().resolve("template.yaml"))));
        try {
            browser = HeadlessChromium.start(binary);
        } finally {
            api = starting.join();
        }
        browser.navigate(api.url() + "/_docs");
        browser.waitFor("document.querySelectorAll('.opblock').length", RENDER);
    }

    @BeforeEach
    void needsABrowser() {
        Assumptions.assumeTrue(browser != null, NO_BROWSER);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void docsPage_listsEveryRoute_andTriesOutGetProducts() throws Exception {
        // the page: one operation per template route
        JsonNode listed = browser.evaluate("[...document.querySelectorAll('.opblock-summary')].map(s =>"
                + " s.querySelector('.opblock-summary-method').textContent + ' ' +"
                + " s.querySelector('.opblock-summary-path').dataset.path)");
        Set<String> shown = new TreeSet<>();
        listed.forEach(route -> shown.add(route.asText()));
        Set<String> routes = new TreeSet<>();
        api.router().routes().forEach(route -> routes.add(route.routeKey()));
        assertEquals(routes, shown);

        // "Try it out" of GET /products
        assertEquals("200", tryItOut("get", "/products"));
        assertTrue(browser.evaluate(operation("get", "/products")
                        + ".querySelector('.live-responses-table tr.response').textContent")
                .asText()
                .contains("\"items\""));
    }

    @Test
    void tryItOut_sendsTheBearerToken_givenToAuthorize() throws Exception {
        // given: a user and their token, given to the page as "Authorize" gives it
        String email = "docs-" + UUID.randomUUID() + "@example.com";
        post("/users", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"name\":\"Docs\"}");
        String token = JSON.readTree(
                        post("/auth/token", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}"))
                .get("accessToken")
                .asText();
        browser.evaluate("window.ui.preauthorizeApiKey('bearerAuth', '" + token + "') && true");

        // when
        String status = tryItOut("get", "/users/me");

        // then
        assertEquals("200", status);
        assertTrue(browser.evaluate(operation("get", "/users/me")
                        + ".querySelector('.live-responses-table tr.response').textContent")
                .asText()
                .contains(email));
    }

    /** Opens the operation, presses "Try it out" and "Execute", and returns the status it shows. */
    private static String tryItOut(String method, String path) throws InterruptedException {
        String operation = operation(method, path);
        browser.evaluate("(" + operation + ".querySelector('.opblock-summary-control') || " + operation
                + ".querySelector('.opblock-summary')).click(), true");
        browser.waitFor("!!" + operation + ".querySelector('.try-out__btn')", RENDER);
        browser.evaluate(operation + ".querySelector('.try-out__btn').click(), true");
        browser.waitFor("!!" + operation + ".querySelector('.execute')", RENDER);
        browser.evaluate(operation + ".querySelector('.execute').click(), true");
        return browser.waitFor(
                        "(" + operation
                                + ".querySelector('.live-responses-table tr.response .response-col_status') ||"
                                + " {}).textContent",
                        RENDER)
                .asText()
                .trim();
    }

    /** A JavaScript expression for the operation's block on the page. */
    private static String operation(String method, String path) {
        return "[...document.querySelectorAll('.opblock-" + method
                + "')].find(o => o.querySelector('.opblock-summary-path')" + ".dataset.path === '" + path + "')";
    }

    private static String post(String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.url() + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, path + ": " + response.statusCode() + " " + response.body());
        return response.body();
    }
}
