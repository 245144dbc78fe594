package dev.parley.sdp.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.Origin;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffersTest {
    static final Origin ALICE = Origin.of("alice", 1, 1, "192.0.2.10");
    static final Origin BOB = Origin.of("bob", 2, 1, "192.0.2.20");

    static SessionDescription desktopOffer() {
        return Offers.offer(
                Profiles.DESKTOP,
                new OfferParams(
                        ALICE,
                        "Parley",
                        "192.0.2.10",
                        Map.of(
                                MediaKind.AUDIO, LocalStream.port(50000),
                                MediaKind.VIDEO, LocalStream.port(50002),
                                MediaKind.SLIDES, LocalStream.port(50004),
                                MediaKind.REMOTE_CONTROL, LocalStream.port(9))));
    }

    @Test
    void desktopOfferListsEveryStreamInProfileOrderAndParsesBack() throws SdpParseException {
        SessionDescription offer = desktopOffer();

        SessionDescription reparsed = SdpParser.parse(offer.toString());

        assertThat(reparsed).isEqualTo(offer);
        assertThat(offer.media())
                .extracting(MediaDescription::media, MediaDescription::port, MediaDescription::protocol)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("audio", 50000, "RTP/AVP"),
                        org.assertj.core.groups.Tuple.tuple("video", 50002, "RTP/AVP"),
                        org.assertj.core.groups.Tuple.tuple("video", 50004, "RTP/AVP"),
                        org.assertj.core.groups.Tuple.tuple("application", 9, "TCP/RTP/AVP"));
        assertThat(offer.media().get(0).formats()).containsExactly("111", "9", "0", "8", "110", "101");
        assertThat(offer.media().get(1).attributes("rtcp-fb"))
                .contains("96 nack", "96 nack pli", "96 ccm fir", "97 nack pli");
        assertThat(offer.media().get(2).attribute("content")).contains("slides");
        assertThat(offer.media().get(3).attribute("setup")).contains("active");
    }

    @Test
    void theMixerAnswersADesktopOfferAndTheAgentReadsTheAnswer() throws SdpParseException {
        SessionDescription offer = desktopOffer();
        Negotiation atMixer = OfferAnswer.negotiate(offer, Profiles.MIXER);
        SessionDescription answer = atMixer.answer(new AnswerParams(
                BOB,
                "Parley",
                "192.0.2.20",
                Map.of(0, LocalStream.port(40000), 1, LocalStream.port(40002), 2, LocalStream.port(40004))));

        Negotiation atAgent = Offers.readAnswer(offer, answer, Profiles.DESKTOP);

        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(40000, 40002, 40004, 0);
        assertThat(atAgent.streams().get(0).mediaFormats())
                .extracting(NegotiatedFormat::payloadType)
                .containsExactly("111", "9", "0", "8");
        assertThat(atAgent.streams().get(1).remotePort()).isEqualTo(40002);
        assertThat(atAgent.streams().get(3).accepted()).isFalse();
    }

    @Test
    void anAnswerWithADifferentNumberOfStreamsIsRefused() throws SdpParseException {
        SessionDescription offer = desktopOffer();
        SessionDescription answer = SdpParser.parse(
                "v=0\r\no=- 1 1 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");

        assertThatThrownBy(() -> Offers.readAnswer(offer, answer, Profiles.DESKTOP))
                .isInstanceOf(SdpParseException.class)
                .hasMessageContaining("the answer has 1 media sections, the offer had 4");
    }
}
