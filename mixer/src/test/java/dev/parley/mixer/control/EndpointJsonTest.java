package dev.parley.mixer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.mixer.engine.Direction;
import dev.parley.mixer.engine.EndpointSpec;
import dev.parley.mixer.engine.MediaKind;
import dev.parley.mixer.engine.PayloadFormat;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class EndpointJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PCMU = "{\"payloadType\":0,\"encoding\":\"PCMU\",\"clockRate\":8000}";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aFullBodyBecomesASpec() throws Exception {
        EndpointSpec spec = EndpointJson.create(
                "alice-audio",
                json("{\"participant\":\"alice\",\"kind\":\"audio\","
                        + "\"formats\":[" + PCMU
                        + ",{\"payloadType\":101,\"encoding\":\"telephone-event\",\"clockRate\":8000}],"
                        + "\"remoteRtp\":\"192.0.2.10:4000\",\"remoteRtcp\":\"192.0.2.10:4001\",\"ssrcs\":[4294967295],"
                        + "\"muted\":true,\"direction\":\"sendonly\",\"rtcpMux\":false}"));

        assertThat(spec.participant()).isEqualTo("alice");
        assertThat(spec.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(spec.formats())
                .containsExactly(new PayloadFormat(0, "pcmu", 8000), new PayloadFormat(101, "telephone-event", 8000));
        assertThat(spec.remoteRtp()).contains(new InetSocketAddress("192.0.2.10", 4000));
        assertThat(spec.remoteRtcp()).contains(new InetSocketAddress("192.0.2.10", 4001));
        assertThat(spec.ssrcs()).containsExactly(4294967295L);
        assertThat(spec.muted()).isTrue();
        assertThat(spec.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(spec.rtcpMux()).isFalse();
    }

    @Test
    void defaultsAreSendrecvUnmutedMuxedAudioOfItsOwnParticipant() throws Exception {
        EndpointSpec spec =
                EndpointJson.create("bob", json("{\"formats\":[" + PCMU + "],\"remoteRtp\":\"[::1]:5000\"}"));
        assertThat(spec.participant()).isEqualTo("bob");
        assertThat(spec.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(spec.rtcpMux()).isTrue();
        assertThat(spec.muted()).isFalse();
        assertThat(spec.remoteRtp()).contains(new InetSocketAddress("::1", 5000));
    }

    @Test
    void anUpdateChangesOnlyTheFieldsItHas() throws Exception {
        EndpointSpec spec = EndpointJson.create("bob", json("{\"formats\":[" + PCMU + "],\"ssrcs\":[7]}"));
        EndpointSpec muted = EndpointJson.update(spec, json("{\"muted\":true}"));
        assertThat(muted.muted()).isTrue();
        assertThat(muted.ssrcs()).containsExactly(7L);
        assertThat(muted.formats()).isEqualTo(spec.formats());
    }

    @Test
    void everyRefusalNamesItsField() {
        assertField("{}", "formats");
        assertField("{\"formats\":[]}", "formats");
        assertField(
                "{\"formats\":[{\"payloadType\":\"0\",\"encoding\":\"PCMU\",\"clockRate\":8000}]}",
                "formats[0].payloadType");
        assertField(
                "{\"formats\":[" + PCMU + ",{\"payloadType\":200,\"encoding\":\"x\",\"clockRate\":8000}]}",
                "formats[1]");
        assertField(
                "{\"formats\":[" + PCMU + ",{\"payloadType\":0,\"encoding\":\"PCMA\",\"clockRate\":8000}]}", "formats");
        assertField("{\"formats\":[{\"payloadType\":72,\"encoding\":\"x\",\"clockRate\":8000}]}", "formats");
        assertField("{\"formats\":[" + PCMU + "],\"remoteRtp\":\"example.com:5000\"}", "remoteRtp");
        assertField("{\"formats\":[" + PCMU + "],\"remoteRtp\":\"192.0.2.1:0\"}", "remoteRtp");
        assertField("{\"formats\":[" + PCMU + "],\"remoteRtcp\":5000}", "remoteRtcp");
        assertField("{\"formats\":[" + PCMU + "],\"ssrcs\":[-1]}", "ssrcs[0]");
        assertField("{\"formats\":[" + PCMU + "],\"muted\":\"yes\"}", "muted");
        assertField("{\"formats\":[" + PCMU + "],\"direction\":\"up\"}", "direction");
        assertField("{\"formats\":[" + PCMU + "],\"kind\":\"smell\"}", "kind");
        assertField("{\"formats\":[" + PCMU + "],\"participant\":\"a b\"}", "participant");
        assertField("{\"formats\":[" + PCMU + "],\"colour\":\"red\"}", "colour");
        assertField("[1]", "");
    }

    private static void assertField(String body, String field) {
        assertThatThrownBy(() -> EndpointJson.create("e1", json(body)))
                .as(body)
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
