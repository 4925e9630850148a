package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.RepoRoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code --admin}: dynamodb-admin serves the local API's tables, and what a function wrote shows in it. */
class TableBrowserTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void tableBrowser_listsEveryTable_andShowsTheirItems() throws Exception {
        try (LocalApi api = LocalApi.start(
                        new LocalOptions(0, 0, 0, null, null, RepoRoot.find().resolve("template.yaml")));
                TableBrowser browser = TableBrowser.start(api.capturedDynamoDbEndpoint(), 0)) {
            // given: a user, registered through the API
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(api.url().resolve("/users"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"email\":\"admin-view@example.com\",\"password\":\"correct horse\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());

            // when
            HttpResponse<String> tables = get(browser.url());
            HttpResponse<String> emails = get(browser.url().resolve("/tables/EmailsTable/items"));

            // then
            assertEquals(200, tables.statusCode());
            for (String table : LocalTables.create(
                            dev.shopfront.devkit.SamTemplate.read(
                                    RepoRoot.find().resolve("template.yaml")),
                            api.dynamoDbEndpoint())
                    .values()) {
                assertTrue(tables.body().contains(table), table + " not listed:\n" + tables.body());
            }
            assertEquals(200, emails.statusCode());
            assertTrue(emails.body().contains("admin-view@example.com"), emails.body());
        }
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }
}
