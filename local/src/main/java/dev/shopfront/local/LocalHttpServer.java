package dev.shopfront.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The local API's HTTP front door on loopback, handing every request to the {@link Router}. */
final class LocalHttpServer implements AutoCloseable {
    /** API Gateway's own limit on a request body. */
    private static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private LocalHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Binds the port now, so a port in use is reported before anything else starts. */
    static LocalHttpServer bind(int port) {
        // Without TCP_NODELAY a response's headers and body wait on each other's ACKs (Nagle):
        // milliseconds per request on loopback. Read once, when the server class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return new LocalHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128));
        } catch (BindException e) {
            throw new IllegalStateException("Port " + port + " is in use: stop what holds it, or start with --port <another>", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void start(Router router) {
        server.createContext("/", exchange -> serve(exchange, router));
        server.setExecutor(executor);
        server.start();
    }

    private static void serve(HttpExchange exchange, Router router) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            }
            OutgoingResponse response;
            if (body.length > MAX_REQUEST_BYTES) {
                response = OutgoingResponse.message(413, "Request Entity Too Large");
            } else {
                response = router.handle(new IncomingRequest(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(),
                        body,
                        exchange.getRemoteAddress().getAddress().getHostAddress(),
                        exchange.getProtocol()));
            }
            for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
                exchange.getResponseHeaders().put(header.getKey(), header.getValue());
            }
            boolean noBody = response.status() == 204 || response.status() == 304 || "HEAD".equals(exchange.getRequestMethod());
            if (noBody || response.body().length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
