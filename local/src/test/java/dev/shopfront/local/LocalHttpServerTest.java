package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local API's front door as real HTTP clients see it, on raw sockets and java.net.http: kept-alive
 * connections, Connection: close, idle timeouts, and every refusal in API Gateway's JSON shape.
 */
class LocalHttpServerTest {
    private static final Duration IDLE = Duration.ofSeconds(1);
    private LocalHttpServer server;

    @BeforeEach
    void start() {
        server = LocalHttpServer.bind(0, IDLE);
        // No routes: every well-formed request is API Gateway's 404, so what is tested is the server itself.
        server.start(new Router(List.of(), Map.of()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void keptAliveConnection_servesManyRequests_andSaysWhenItWillClose() throws Exception {
        try (Socket socket = socket()) {
            for (int i = 0; i < 20; i++) {
                send(socket, "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
                Answer answer = read(socket);
                assertEquals(404, answer.status());
                assertEquals("{\"message\":\"Not Found\"}", answer.body());
                assertEquals("timeout=" + IDLE.toSeconds(), answer.header("keep-alive"));
                assertFalse("close".equalsIgnoreCase(answer.header("connection")));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                // HTTP/1.0 closes unless the request asks to be kept: Jetty closes it without saying so.
                "GET /nothing HTTP/1.0\r\n\r\n"
            })
    void aConnectionThatCloses_isAnsweredWithConnectionClose_thenClosed(String request) throws Exception {
        try (Socket socket = socket()) {
            send(socket, request);
            Answer answer = read(socket);
            assertEquals(404, answer.status());
            assertEquals("close", answer.header("connection"));
            assertNull(answer.header("keep-alive"));
            assertEquals(-1, socket.getInputStream().read(), "closed after the answer");
        }
    }

    @Test
    void http10RequestThatAsksToBeKept_isKept_andToldWhenItWillClose() throws Exception {
        try (Socket socket = socket()) {
            for (int i = 0; i < 2; i++) {
                send(socket, "GET /nothing HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                Answer answer = read(socket);
                assertEquals(404, answer.status());
                assertEquals("timeout=" + IDLE.toSeconds(), answer.header("keep-alive"));
            }
        }
    }

    @Test
    void javaHttpClient_reusingConnections_acrossTheIdleTimeout_seesNoReset() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/nothing"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode());
            if (i % 2 == 1) {
                // idle past the server's timeout: the client must notice the close, not fail
                Thread.sleep(IDLE.toMillis() + 500);
            }
        }
    }

    @Test
    void javaHttpClient_nonIdempotentRequestsOnReusedConnections_idlePastTheTimeout_getEveryAnswer() throws Exception {
        // POST, PUT, PATCH and DELETE are never retried by the client: a connection the server closed
        // under it would surface as an IOException here.
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> methods = List.of("POST", "PUT", "PATCH", "DELETE");
        int answered = 0;
        for (int round = 0; round < 4; round++) {
            for (String method : methods) {
                // A request Jetty refuses itself (400) closes its connection: the next one must not be lost on it.
                HttpResponse<String> refused = client.send(
                        HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + server.port() + "/users/%7B%7D%00"))
                                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(400, refused.statusCode());
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/nothing"))
                                .method(method, HttpRequest.BodyPublishers.ofString("{\"round\":" + round + "}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, response.statusCode());
                assertEquals(
                        "timeout=" + IDLE.toSeconds(),
                        response.headers().firstValue("keep-alive").orElse(null),
                        "the idle timeout is announced");
                answered++;
            }
            if (round % 2 == 1) {
                Thread.sleep(IDLE.toMillis() + 500);
            }
        }
        assertEquals(16, answered);
    }

    @Test
    void nodeDefaultAgent_withAndWithoutConnectionClose_idlePastTheTimeout_seesNoReset() throws Exception {
        // Node's default agent keeps connections alive and reads the Keep-Alive hint; node is on the
        // PATH wherever dynalite runs (SHOPFRONT_NODE names another).
        String node = System.getenv().getOrDefault("SHOPFRONT_NODE", "node");
        String script = """
            const http = require('http');
            const port = Number(process.argv[1]), idle = Number(process.argv[2]);
            const sleep = ms => new Promise(r => setTimeout(r, ms));
            function send(method, close) {
              return new Promise(resolve => {
                const headers = {'content-type': 'application/json'};
                if (close) headers.connection = 'close';
                const req = http.request({host: '127.0.0.1', port, path: '/nothing', method, headers}, res => {
                  let body = '';
                  res.on('data', d => body += d);
                  res.on('end', () => resolve({status: res.statusCode, close, connection: res.headers.connection || '',
                    keepAlive: res.headers['keep-alive'] || ''}));
                });
                req.on('error', e => resolve({error: e.code || String(e), method, close}));
                req.end(JSON.stringify({method}));
              });
            }
            (async () => {
              const results = [];
              for (let round = 0; round < 4; round++) {
                for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
                  results.push(await send(method, false));
                  results.push(await send(method, true));
                }
                if (round % 2 === 1) await sleep(idle + 500);
              }
              console.log(JSON.stringify(results));
            })();
            """;
        Process process = new ProcessBuilder(
                        node, "-e", script, Integer.toString(server.port()), Long.toString(IDLE.toMillis()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        JsonNode results = new ObjectMapper().readTree(output);
        assertEquals(40, results.size(), output);
        for (JsonNode result : results) {
            assertFalse(result.has("error"), "no reset: " + result);
            assertEquals(404, result.path("status").asInt(), result.toString());
            if (result.path("close").asBoolean()) {
                assertEquals(
                        "close",
                        result.path("connection").asText(),
                        "Connection: close is answered with it: " + result);
            } else {
                assertEquals(
                        "timeout=" + IDLE.toSeconds(), result.path("keepAlive").asText(), result.toString());
            }
        }
    }

    @Test
    void requestJettyRefusesItself_isAnsweredWithConnectionClose_beforeTheConnectionCloses() throws Exception {
        try (Socket socket = socket()) {
            send(socket, "POST /users/%7B%7D%00 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
            Answer answer = read(socket);
            assertEquals(400, answer.status());
            assertJsonMessage(answer);
            // Unannounced, the close made keep-alive clients send their next request into it (HostileInputFuzzTest).
            assertEquals("close", answer.header("connection"));
            assertEquals(-1, socket.getInputStream().read(), "closed after the answer");
        }
    }

    @Test
    void braceInThePath_isA404OrA400InJson_neverAClassName() throws Exception {
        Answer answer = exchange("GET /users/{id} HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(answer.status() == 400 || answer.status() == 404, answer.toString());
        assertJsonMessage(answer);
        assertFalse(answer.body().contains("Exception"), answer.body());
    }

    @Test
    void conflictingContentLengthAndTransferEncoding_is400InJson() throws Exception {
        Answer answer =
                exchange("POST /users HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\n");
        assertEquals(400, answer.status(), answer.toString());
        assertJsonMessage(answer);
    }

    @Test
    void transferEncodingGzip_isRefusedInJson() throws Exception {
        Answer answer = exchange("POST /users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n");
        assertTrue(answer.status() == 400 || answer.status() == 501, answer.toString());
        assertJsonMessage(answer);
    }

    @Test
    void twoHundredAndOneHeaderFields_are431InJson() throws Exception {
        StringBuilder request = new StringBuilder("GET /nothing HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 200; i++) {
            request.append("X-Field-").append(i).append(": v\r\n");
        }
        Answer answer = exchange(request + "\r\n");
        assertEquals(431, answer.status(), answer.toString());
        assertJsonMessage(answer);
    }

    @Test
    void eightyKilobyteHeader_is431InJson() throws Exception {
        Answer answer = exchange("GET /nothing HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(80 * 1024) + "\r\n\r\n");
        assertEquals(431, answer.status(), answer.toString());
        assertJsonMessage(answer);
    }

    @Test
    void lowerCaseMethod_isNotGet() throws Exception {
        Answer answer = exchange("get /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(answer.status() >= 400 && answer.status() < 500, answer.toString());
        assertJsonMessage(answer);
    }

    @Test
    void malformedChunkSize_isAnsweredWithinTheIdleTimeout() throws Exception {
        try (Socket socket = socket()) {
            socket.setSoTimeout((int) IDLE.toMillis() * 5);
            long started = System.nanoTime();
            send(socket, "POST /users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
            Answer answer = read(socket);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(400, answer.status(), answer.toString());
            assertJsonMessage(answer);
            assertTrue(millis < IDLE.toMillis() * 4, "answered in " + millis + " ms");
        }
    }

    @Test
    void unfinishedChunk_isClosedAtTheIdleTimeout_notHeldForever() throws Exception {
        try (Socket socket = socket()) {
            socket.setSoTimeout((int) IDLE.toMillis() * 5);
            long started = System.nanoTime();
            send(socket, "POST /users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly-a-bit");
            byte[] rest;
            try {
                rest = socket.getInputStream().readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the request hung past five idle timeouts", e);
            } catch (IOException reset) {
                rest = new byte[0];
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < IDLE.toMillis() * 4, "closed in " + millis + " ms");
            String text = new String(rest, StandardCharsets.UTF_8);
            assertFalse(text.contains("<html"), text);
            assertFalse(text.startsWith("HTTP/1.1 5"), "a stalled client is not a server error: " + text);
        }
    }

    private static void assertJsonMessage(Answer answer) {
        assertEquals("application/json", answer.header("content-type"), answer.toString());
        assertTrue(answer.body().matches("\\{\"message\":\"[^\"<>]+\"}"), answer.body());
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private Socket socket() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private Answer exchange(String request) throws IOException {
        try (Socket socket = socket()) {
            send(socket, request);
            return read(socket);
        }
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one response with a Content-Length body (what this server sends). */
    private static Answer read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a full response: " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(status, headers, body);
    }
}
