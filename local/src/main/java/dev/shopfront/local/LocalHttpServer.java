package dev.shopfront.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The local API's HTTP front door on loopback (Jetty, core handlers), handing every request to the
 * {@link Router}. Jetty's own refusals (malformed requests, oversized headers) are answered in API
 * Gateway's {@code {"message": ...}} shape, never as HTML.
 */
final class LocalHttpServer implements AutoCloseable {
    /** API Gateway's own limit on a request body. */
    private static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    /** API Gateway HTTP APIs take a request line and headers of up to 10 KB; a little more here, never a dropped connection. */
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    /** More header fields than this is refused with 431, as an oversized header section is. */
    static final int MAX_HEADER_FIELDS = 200;
    /**
     * An idle kept-alive connection is closed after this; responses say so (Keep-Alive: timeout=).
     * Longer than common clients keep an idle connection (java.net.http 30 s, Node 5 s), so the client
     * closes first and never sends a request on a connection the server is closing.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(65);

    private final Server server;
    private final ServerConnector connector;
    private final String keepAlive;

    private LocalHttpServer(Server server, ServerConnector connector, Duration idleTimeout) {
        this.server = server;
        this.connector = connector;
        // Keep-alive clients close an idle connection before this, so they never reuse one the server is closing.
        this.keepAlive = "timeout=" + Math.max(1, idleTimeout.toSeconds());
    }

    /** Binds the port now, so a port in use is reported before anything else starts. */
    static LocalHttpServer bind(int port) {
        return bind(port, IDLE_TIMEOUT);
    }

    /** @param idleTimeout how long a connection may stay silent, between requests or within one */
    static LocalHttpServer bind(int port, Duration idleTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("local-api");
        // Each request blocks on a function invocation: virtual threads make that cheap.
        threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(MAX_HEADER_BYTES);
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        // API Gateway routes //products, /products/%2F or /products/%2e%2e like any other path: to no route (404)
        // or to an id that is not a UUID (404 from the function). Jetty would refuse them as ambiguous with a
        // 400 of its own; nothing here maps a path to a file, so the ambiguity harms nothing. The same for an
        // id that decodes to a backslash, a line feed or bytes that are not UTF-8 (%5C, %0A, %FF): the contract
        // answers 404 for any id that is not a UUID. Jetty still refuses a % not followed by two hex digits
        // (%zz, %u0041) and a NUL (%00) with its 400, as a gateway refuses a request it cannot decode.
        config.setUriCompliance(UriCompliance.DEFAULT.with(
                "local-api",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
                UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS,
                UriCompliance.Violation.ILLEGAL_PATH_CHARACTERS,
                UriCompliance.Violation.BAD_UTF8_ENCODING,
                UriCompliance.Violation.TRUNCATED_UTF8_ENCODING));
        HttpConnectionFactory http = new HttpConnectionFactory(config);
        ServerConnector connector = new ServerConnector(server, 1, 1, http);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        // Also bounds a request that stops mid-way (a malformed or unfinished chunk): no hang.
        connector.setIdleTimeout(idleTimeout.toMillis());
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.setErrorHandler(new GatewayErrors());
        try {
            connector.open();
        } catch (IOException e) {
            // Jetty wraps the bind failure in an IOException of its own.
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IllegalStateException(
                        "Port " + port + " is in use: stop what holds it, or start with --port <another>", e);
            }
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
        return new LocalHttpServer(server, connector, idleTimeout);
    }

    int port() {
        return connector.getLocalPort();
    }

    void start(Router router) {
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback, router, keepAlive);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the local API's HTTP server: " + e.getMessage(), e);
        }
    }

    /** Answers a request the server will not hand on, and closes the connection, which cannot carry another. */
    private static void refuse(OutgoingResponse refused, Response response, Callback callback) {
        response.setStatus(refused.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(refused.body()), callback);
    }

    private static void serve(Request request, Response response, Callback callback, Router router, String keepAlive)
            throws IOException {
        OutgoingResponse answer;
        if (request.getHeaders().size() > MAX_HEADER_FIELDS) {
            // Refused before its body is read: the connection cannot carry another request, and says so.
            refuse(OutgoingResponse.message(431, "Request Header Fields Too Large"), response, callback);
            return;
        } else {
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            } catch (IOException e) {
                // The client stalled mid-body (idle timeout) or sent a broken one: its fault, not a 500.
                boolean stalled = e.getCause() instanceof java.util.concurrent.TimeoutException;
                refuse(
                        OutgoingResponse.message(stalled ? 408 : 400, stalled ? "Request Timeout" : "Bad Request"),
                        response,
                        callback);
                return;
            }
            answer = body.length > MAX_REQUEST_BYTES
                    ? OutgoingResponse.message(413, "Request Entity Too Large")
                    : router.handle(new IncomingRequest(
                            request.getMethod(),
                            request.getHttpURI().getPath() == null
                                    ? "/"
                                    : request.getHttpURI().getPath(),
                            request.getHttpURI().getQuery(),
                            headers(request.getHeaders()),
                            body,
                            Request.getRemoteAddr(request),
                            request.getConnectionMetaData().getProtocol()));
        }
        response.setStatus(answer.status());
        HttpFields.Mutable fields = response.getHeaders();
        answer.headers().forEach((name, values) -> values.forEach(value -> fields.add(name, value)));
        boolean http10 = request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_0;
        if (http10 && !request.getHeaders().contains(HttpHeader.CONNECTION, "keep-alive")) {
            // Jetty closes an HTTP/1.0 connection that did not ask to be kept, and does not say so.
            fields.put(HttpHeader.CONNECTION, "close");
        } else if (!request.getHeaders().contains(HttpHeader.CONNECTION, "close")) {
            // Tells keep-alive clients (Node's agent, Python's http.client) when an idle connection closes.
            fields.put("Keep-Alive", keepAlive);
        }
        boolean noBody = answer.status() == 204 || answer.status() == 304 || "HEAD".equals(request.getMethod());
        if (noBody || answer.body().length == 0) {
            response.write(true, null, callback);
        } else {
            fields.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
    }

    /** Header names as the JDK server gave them to the router: one entry per name, every value kept. */
    private static Map<String, List<String>> headers(HttpFields fields) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : fields) {
            headers.computeIfAbsent(field.getName(), name -> new java.util.ArrayList<>())
                    .add(field.getValue());
        }
        return headers;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping releases the port and threads; a failure here leaves nothing to act on.
            System.err.println("[local] HTTP server did not stop cleanly: " + e);
        }
        // A server that never started still holds the port it bound.
        connector.close();
    }

    /** Every error Jetty raises itself, as API Gateway shapes its own: {@code {"message": "..."}} JSON. */
    private static final class GatewayErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus();
            String message = HttpStatus.getMessage(status);
            byte[] body = ("{\"message\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            // Jetty closes the connection after a request it refused itself (a path with %00, say),
            // but without saying so: a keep-alive client then sent its next request on a closed
            // connection and got no answer (8 of 1,500 in HostileInputFuzzTest). Saying it makes the
            // client open a new one.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
