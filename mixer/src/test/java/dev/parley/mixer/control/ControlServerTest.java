package dev.parley.mixer.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.mixer.MixerConfig;
import dev.parley.mixer.PortRange;
import dev.parley.mixer.net.MixerEngine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control API over real HTTP on 127.0.0.1, in front of a real engine with one worker. */
class ControlServerTest {
    private static final String TOKEN = "t0ken";
    private static final String PCMU = "{\"payloadType\":0,\"encoding\":\"PCMU\",\"clockRate\":8000}";

    private MixerEngine engine;
    private ControlServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        MixerConfig config = new MixerConfig(
                new InetSocketAddress(loopback, 0),
                loopback,
                new PortRange(42000, 42999),
                TOKEN,
                1,
                MixerConfig.DEFAULT_RTP_TIMEOUT,
                MixerConfig.Io.best(),
                dev.parley.mixer.audio.OpusCodecs.Choice.AUTO);
        engine = new MixerEngine(config, (c, e, k, ms) -> {}, (c, e, ms) -> {}, System::nanoTime);
        server = new ControlServer(config.control(), TOKEN, engine);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, TOKEN);
    }

    @Test
    void healthNeedsNoTokenButEverythingElseDoes() throws Exception {
        assertThat(call("GET", "/health", "", "").statusCode()).isEqualTo(200);
        HttpResponse<String> none = call("PUT", "/v1/conferences/r1", "", "");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(call("GET", "/metrics", "", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void aConferenceLifecycleWithPortsAndIdempotentRecreation() throws Exception {
        assertThat(call("PUT", "/v1/conferences/r1", "").statusCode()).isEqualTo(201);
        assertThat(call("PUT", "/v1/conferences/r1", "").statusCode()).isEqualTo(200);

        HttpResponse<String> added = call("PUT", "/v1/conferences/r1/endpoints/alice", "{\"formats\":[" + PCMU + "]}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).contains("\"address\":\"127.0.0.1\"").containsPattern("\"rtpPort\":42\\d\\d\\d");
        String port = added.body().replaceAll(".*\"rtpPort\":(\\d+).*", "$1");

        // The focus re-creating the same endpoint keeps its port, so its SDP stays right.
        HttpResponse<String> again = call("PUT", "/v1/conferences/r1/endpoints/alice", "{\"formats\":[" + PCMU + "]}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"rtpPort\":" + port);

        HttpResponse<String> split =
                call("PUT", "/v1/conferences/r1/endpoints/bob", "{\"formats\":[" + PCMU + "],\"rtcpMux\":false}");
        assertThat(split.body()).matches(".*\"rtpPort\":(\\d*[02468]),\"rtcpPort\":\\d+.*");
        int rtp = Integer.parseInt(split.body().replaceAll(".*\"rtpPort\":(\\d+).*", "$1"));
        assertThat(split.body()).contains("\"rtcpPort\":" + (rtp + 1));

        assertThat(call("PATCH", "/v1/conferences/r1/endpoints/alice", "{\"muted\":true}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/v1/conferences/r1", "").body())
                .contains("\"alice\"")
                .contains("\"bob\"")
                .contains("\"audioLevel\":127");
        assertThat(call("GET", "/metrics", "").body())
                .contains("parley_mixer_conferences 1\n")
                .contains("parley_mixer_endpoints 2\n")
                .contains("parley_mixer_worker_busy_seconds_total{worker=\"0\"}")
                .contains("parley_mixer_packets_dropped_total{reason=\"unexpected_source\"} 0\n");

        assertThat(call("DELETE", "/v1/conferences/r1/endpoints/alice", "").statusCode())
                .isEqualTo(204);
        assertThat(call("DELETE", "/v1/conferences/r1/endpoints/alice", "").statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/v1/conferences/r1", "").statusCode()).isEqualTo(204);
        assertThat(call("GET", "/metrics", "").body()).contains("parley_mixer_conferences 0\n");
        // After a delete (or a mixer restart) the same ids can be created again.
        assertThat(call("PUT", "/v1/conferences/r1", "").statusCode()).isEqualTo(201);
        assertThat(call("PUT", "/v1/conferences/r1/endpoints/alice", "{\"formats\":[" + PCMU + "]}")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void badRequestsSay400AndNameTheField() throws Exception {
        call("PUT", "/v1/conferences/r1", "");
        HttpResponse<String> bad =
                call("PUT", "/v1/conferences/r1/endpoints/alice", "{\"formats\":[" + PCMU + "],\"direction\":\"up\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"direction\"");
        assertThat(call("PUT", "/v1/conferences/r1/endpoints/alice", "{not json")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> badId = call("PUT", "/v1/conferences/r%20x", "");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("\"field\":\"conference id\"");
        assertThat(call("PUT", "/v1/conferences/r1/endpoints/a", "x".repeat(ControlServer.MAX_BODY + 1))
                        .statusCode())
                .isEqualTo(413);
    }

    @Test
    void unknownIdsSay404() throws Exception {
        assertThat(call("DELETE", "/v1/conferences/nope", "").statusCode()).isEqualTo(404);
        assertThat(call("GET", "/v1/conferences/nope", "").statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/v1/conferences/nope/endpoints/a", "{\"formats\":[" + PCMU + "]}")
                        .statusCode())
                .isEqualTo(404);
        call("PUT", "/v1/conferences/r1", "");
        assertThat(call("PATCH", "/v1/conferences/r1/endpoints/ghost", "{\"muted\":true}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/elsewhere", "").statusCode()).isEqualTo(404);
    }
}
