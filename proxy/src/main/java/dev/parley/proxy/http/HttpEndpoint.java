package dev.parley.proxy.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.proxy.config.HostPort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /health} (200 "ok" while the store answers, else 503), {@code GET /metrics}
 * (Prometheus text format 0.0.4) and {@code GET /conferences} (the live meetings, JSON) on the
 * JDK's HTTP server.
 */
public final class HttpEndpoint implements AutoCloseable {
    static {
        // The JDK server writes a reply's headers and body in two writes; with Nagle on, the
        // body waits for the client's delayed ACK, 40 ms a request on Linux. Read once, when the
        // first HttpServer is made in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HttpEndpoint start(
            HostPort address, BooleanSupplier healthy, Supplier<String> metrics, Supplier<String> conferences)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", ex -> {
            boolean ok = healthy.getAsBoolean();
            reply(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "store unavailable\n");
        });
        server.createContext(
                "/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        server.createContext(
                "/conferences", ex -> reply(ex, 200, "application/json; charset=utf-8", conferences.get()));
        server.createContext(
                "/",
                ex -> reply(
                        ex, 404, "text/plain; charset=utf-8", "not found: try /health, /metrics or /conferences\n"));
        server.start();
        return new HttpEndpoint(server, executor);
    }

    /** The bound address (the real port when 0 was asked for). */
    public HostPort address() {
        InetSocketAddress a = server.getAddress();
        return new HostPort(a.getHostString(), a.getPort());
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
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
