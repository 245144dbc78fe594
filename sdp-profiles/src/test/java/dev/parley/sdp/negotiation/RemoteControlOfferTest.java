package dev.parley.sdp.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdp.Direction;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.Origin;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A remote-control session end to end in SDP (DESIGN.md "Remote desktop control"): the
 * controller offers the controlled screen as recvonly slides and the HIP stream as TCP/RTP/AVP
 * with a=setup:active (RFC 4145); the controlled desktop answers setup:passive on its listener's
 * port; the controller reads where to connect.
 */
class RemoteControlOfferTest {
    static final Origin CONTROLLER = Origin.of("alice", 7, 1, "192.0.2.10");
    static final Origin CONTROLLED = Origin.of("bob", 8, 1, "192.0.2.20");

    static SessionDescription offer() {
        return Offers.offer(
                Profiles.REMOTE_CONTROLLER,
                new OfferParams(
                        CONTROLLER,
                        "Parley control",
                        "192.0.2.10",
                        Map.of(
                                MediaKind.SLIDES,
                                LocalStream.port(50012),
                                MediaKind.REMOTE_CONTROL,
                                LocalStream.port(9))));
    }

    @Test
    void theOfferAsksForTheScreenAndOffersInputOverTcp() throws SdpParseException {
        SessionDescription offer = SdpParser.parse(offer().toString());

        MediaDescription screen = offer.media().get(0);
        assertThat(screen.media()).isEqualTo("video");
        assertThat(screen.port()).isEqualTo(50012);
        assertThat(screen.attribute("content")).contains("slides");
        assertThat(screen.has("recvonly")).isTrue();
        assertThat(offer.toString())
                .endsWith("m=application 9 TCP/RTP/AVP 100\r\n"
                        + "a=rtpmap:100 hip/90000\r\n"
                        + "a=setup:active\r\n"
                        + "a=connection:new\r\n"
                        + "a=sendonly\r\n");
    }

    @Test
    void theControlledDesktopAnswersPassiveOnItsListenerAndTheControllerConnectsThere() throws SdpParseException {
        SessionDescription offer = offer();
        Negotiation atControlled = OfferAnswer.negotiate(offer, Profiles.DESKTOP);
        StreamNegotiation input = atControlled.streams().get(1);

        assertThat(input.kind()).contains(MediaKind.REMOTE_CONTROL);
        assertThat(input.setup()).contains("passive");
        assertThat(input.remoteHost()).contains("192.0.2.10"); // the only address that may connect
        assertThat(input.formats()).extracting(NegotiatedFormat::payloadType).containsExactly("100");

        SessionDescription answer = atControlled.answer(new AnswerParams(
                CONTROLLED,
                "Parley control",
                "192.0.2.20",
                Map.of(0, LocalStream.port(40010), 1, LocalStream.port(43111))));
        assertThat(answer.media().get(0).has("sendonly")).isTrue();
        assertThat(answer.toString())
                .endsWith("m=application 43111 TCP/RTP/AVP 100\r\n"
                        + "a=rtpmap:100 hip/90000\r\n"
                        + "a=setup:passive\r\n"
                        + "a=connection:new\r\n"
                        + "a=recvonly\r\n");

        Negotiation atController =
                Offers.readAnswer(offer, SdpParser.parse(answer.toString()), Profiles.REMOTE_CONTROLLER);
        StreamNegotiation connectTo = atController.streams().get(1);
        assertThat(connectTo.setup()).contains("active");
        assertThat(connectTo.remoteHost()).contains("192.0.2.20");
        assertThat(connectTo.remotePort()).isEqualTo(43111);
        assertThat(connectTo.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(atController.streams().get(0).direction()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void aPartyWithoutRemoteControlRejectsTheInputStreamWithPortZeroAndKeepsTheScreen() throws SdpParseException {
        Negotiation n = OfferAnswer.negotiate(offer(), Profiles.MIXER);

        SessionDescription answer =
                n.answer(new AnswerParams(CONTROLLED, "-", "192.0.2.20", Map.of(0, LocalStream.port(40010))));

        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(40010, 0);
        assertThat(Offers.readAnswer(offer(), answer, Profiles.REMOTE_CONTROLLER)
                        .streams()
                        .get(1)
                        .accepted())
                .isFalse();
    }
}
