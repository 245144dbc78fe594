package dev.parley.mixer.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.mixer.net.MixerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API on the JDK HTTP server: {@code /health} (open), {@code /metrics} and {@code
 * /v1/conferences/...} (bearer token, RFC 6750 §2.1). Bodies are capped at {@link #MAX_BODY}.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    /** Largest request body accepted; an endpoint description is a few hundred bytes. */
    public static final int MAX_BODY = 64 * 1024;

    static {
        // The JDK server writes a reply's headers and body in two writes; with Nagle on, the
        // body waits for the client's delayed ACK, 40 ms a request on Linux. Read once, when the
        // first HttpServer is made in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final MixerEngine engine;
    private final byte[] expectedAuthorization;
    private final ConferenceRoutes routes;
    private final EventRoutes eventRoutes;

    public ControlServer(InetSocketAddress bind, String token, MixerEngine engine) throws IOException {
        this(bind, token, engine, new EventLog(1));
    }

    /** With {@code events} served at {@code GET /v1/events} (long polls hold one of 4 threads each). */
    public ControlServer(InetSocketAddress bind, String token, MixerEngine engine, EventLog events) throws IOException {
        this.engine = engine;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.routes = new ConferenceRoutes(engine);
        this.eventRoutes = new EventRoutes(events);
        this.server = HttpServer.create(bind, 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mixer-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        HttpReply reply;
        try {
            reply = route(exchange);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "control {} {} failed: {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    e.toString());
            reply = HttpReply.error(503, "mixer cannot do that now: " + e.getMessage(), Optional.empty());
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            if (reply.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"parley-mixer\"");
            }
            boolean empty = reply.body().length == 0;
            exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    private HttpReply route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/health")) {
            return method.equals("GET")
                    ? HttpReply.json(200, HttpReply.object().put("status", "ok"))
                    : HttpReply.error(405, "method " + method + " not allowed here", Optional.empty());
        }
        if (!authorized(exchange)) {
            return HttpReply.error(401, "missing or wrong bearer token", Optional.empty());
        }
        if (path.equals("/metrics")) {
            return method.equals("GET")
                    ? HttpReply.text(
                            200,
                            "text/plain; version=0.0.4; charset=utf-8",
                            MetricsText.render(engine.snapshot(), engine.opus(), engine.realtimeThreads()))
                    : HttpReply.error(405, "method " + method + " not allowed here", Optional.empty());
        }
        if (path.equals(EventRoutes.PATH)) {
            return eventRoutes.handle(
                    method, Optional.ofNullable(exchange.getRequestURI().getRawQuery()));
        }
        if (path.startsWith(ConferenceRoutes.PREFIX)) {
            Optional<byte[]> body = readBody(exchange.getRequestBody());
            if (body.isEmpty()) {
                return HttpReply.error(413, "body larger than " + MAX_BODY + " bytes", Optional.empty());
            }
            return routes.handle(method, path, body.get());
        }
        return HttpReply.error(404, "no such resource: " + path, Optional.empty());
    }

    /** Compares the whole header in constant time, so the token does not leak through timing. */
    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null
                && MessageDigest.isEqual(header.trim().getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private static Optional<byte[]> readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? Optional.empty() : Optional.of(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
