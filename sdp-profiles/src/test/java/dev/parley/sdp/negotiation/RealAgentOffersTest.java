package dev.parley.sdp.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdp.Direction;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SdpWriter;
import dev.parley.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Offers written the way real agents write them ({@code src/test/resources/offers/}, each
 * described in the README there), answered with the mixer profile.
 */
class RealAgentOffersTest {

    static String read(String name) throws IOException {
        try (InputStream in = RealAgentOffersTest.class.getResourceAsStream("/offers/" + name + ".sdp")) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "asterisk", "baresip", "baresip-video", "cisco", "freeswitch", "hold-old-style", "hold-sendonly",
                "ipv6", "linphone", "no-common-codec", "parley-desktop", "polycom", "srtp-sdes", "webrtc-chrome",
                "zoiper"
            })
    void roundTripsByteForByte(String agent) throws IOException, SdpParseException {
        String body = read(agent);

        assertThat(SdpWriter.write(SdpParser.parse(body))).isEqualTo(body);
    }

    /** Per media section: the payload types the answer keeps, or "-" for port 0. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "asterisk;       0 8 9 101",
                "baresip;        96 9 0 8 101",
                "baresip-video;  96 9 0 8 101 | 97 99",
                "cisco;          0 101 | - | - | - | - | -",
                "freeswitch;     102 9 0 8 103 101",
                "hold-old-style; 9 0 8 101",
                "hold-sendonly;  96 9 0 8 101",
                "ipv6;           96 9 0 8 101",
                "linphone;       96 0 8 101 100 | 96",
                "no-common-codec; -",
                "parley-desktop; 111 9 0 8 110 101 | 96 97 | 96 97 | -",
                "polycom;        9 0 8 127",
                "srtp-sdes;      -",
                "webrtc-chrome;  - | -",
                "zoiper;         106 9 98 101 0 8",
            })
    void mixerKeepsTheCodecsItTakes(String agent, String expected) throws IOException, SdpParseException {
        Negotiation n = OfferAnswer.negotiate(SdpParser.parse(read(agent)), Profiles.MIXER);

        List<String> kept = new ArrayList<>();
        for (StreamNegotiation s : n.streams()) {
            kept.add(
                    s.accepted()
                            ? String.join(
                                    " ",
                                    s.formats().stream()
                                            .map(NegotiatedFormat::payloadType)
                                            .toList())
                            : "-");
        }
        assertThat(String.join(" | ", kept)).isEqualTo(expected.trim());
        assertThat(n.anyAccepted())
                .isEqualTo(!expected.trim().replace(" | ", "").replace("-", "").isEmpty());
    }

    @Test
    void chromeIsRefusedForItsTransportAndNotAnsweredWithBundle() throws IOException, SdpParseException {
        Negotiation n = OfferAnswer.negotiate(SdpParser.parse(read("webrtc-chrome")), Profiles.MIXER);

        assertThat(n.refusalSummary())
                .isEqualTo("audio UDP/TLS/RTP/SAVPF: transport not supported;"
                        + " video UDP/TLS/RTP/SAVPF: transport not supported");
        SessionDescription answer =
                n.answer(new AnswerParams(OfferAnswerTest.ORIGIN, "-", "203.0.113.5", java.util.Map.of()));
        assertThat(answer.has("group")).isFalse();
        assertThat(answer.media())
                .allSatisfy(m -> assertThat(m.attribute("mid")).isPresent());
    }

    @ParameterizedTest
    @CsvSource({"hold-old-style, RECVONLY", "hold-sendonly, RECVONLY", "baresip, SENDRECV"})
    void holdReOffersAreAnsweredRecvonly(String agent, Direction expected) throws IOException, SdpParseException {
        StreamNegotiation audio = OfferAnswer.negotiate(SdpParser.parse(read(agent)), Profiles.MIXER)
                .streams()
                .get(0);

        assertThat(audio.direction()).isEqualTo(expected);
        assertThat(audio.onHold()).isEqualTo(expected == Direction.RECVONLY);
    }

    @Test
    void ipv6OfferGivesAnIpv6Destination() throws IOException, SdpParseException {
        StreamNegotiation audio = OfferAnswer.negotiate(SdpParser.parse(read("ipv6")), Profiles.MIXER)
                .streams()
                .get(0);

        assertThat(audio.remoteHost()).contains("2001:db8:4a7:1f0::23");
    }
}
