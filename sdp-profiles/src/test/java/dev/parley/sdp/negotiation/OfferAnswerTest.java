package dev.parley.sdp.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdp.Direction;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.Origin;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.SsrcAttribute;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferAnswerTest {
    static final Origin ORIGIN = Origin.of("parley", 42, 1, "203.0.113.5");

    static SessionDescription sdp(String... lines) throws SdpParseException {
        return SdpParser.parse("v=0\r\no=- 7 7 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + String.join("\r\n", lines) + "\r\n");
    }

    static SessionDescription answer(Negotiation n) {
        Map<Integer, LocalStream> ports = new java.util.HashMap<>();
        for (StreamNegotiation s : n.accepted()) {
            ports.put(s.index(), LocalStream.port(40000 + 2 * s.index()));
        }
        return n.answer(new AnswerParams(ORIGIN, "Parley", "203.0.113.5", ports));
    }

    @Test
    void answerKeepsOfferedPayloadTypesAndOrderAndAddsOnlyCommonCodecs() throws SdpParseException {
        SessionDescription offer = sdp(
                "m=audio 5004 RTP/AVP 98 18 0 8 99",
                "a=rtpmap:98 opus/48000/2",
                "a=fmtp:98 stereo=1;sprop-stereo=1",
                "a=rtpmap:99 telephone-event/8000",
                "a=fmtp:99 0-16",
                "a=ptime:20");

        Negotiation n = OfferAnswer.negotiate(offer, Profiles.MIXER);
        String answer = answer(n).toString();

        assertThat(answer)
                .isEqualTo("v=0\r\no=parley 42 1 IN IP4 203.0.113.5\r\ns=Parley\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\n"
                        + "m=audio 40000 RTP/AVP 98 0 8 99\r\n"
                        + "a=rtpmap:98 opus/48000/2\r\n"
                        + "a=rtpmap:0 PCMU/8000\r\n"
                        + "a=rtpmap:8 PCMA/8000\r\n"
                        + "a=rtpmap:99 telephone-event/8000\r\n"
                        + "a=fmtp:98 minptime=10;useinbandfec=1\r\n"
                        + "a=fmtp:99 0-15\r\n"
                        + "a=ptime:20\r\n"
                        + "a=sendrecv\r\n");
        StreamNegotiation audio = n.streams().get(0);
        assertThat(audio.formats().get(0).remoteFmtp().flatMap(f -> f.parameter("stereo")))
                .contains("1");
        assertThat(audio.remoteHost()).contains("192.0.2.1");
        assertThat(audio.remotePort()).isEqualTo(5004);
    }

    @Test
    void telephoneEventIsKeptOnlyAtTheRateOfAnAcceptedCodec() throws SdpParseException {
        SessionDescription offer = sdp(
                "m=audio 5004 RTP/AVP 0 101 100",
                "a=rtpmap:101 telephone-event/48000",
                "a=rtpmap:100 telephone-event/8000");

        StreamNegotiation s =
                OfferAnswer.negotiate(offer, Profiles.MIXER).streams().get(0);

        assertThat(s.formats()).extracting(NegotiatedFormat::payloadType).containsExactly("0", "100");
        assertThat(s.eventFormats())
                .singleElement()
                .satisfies(f -> assertThat(f.localFmtp()).isEqualTo("0-15"));
    }

    @ParameterizedTest(name = "offered {0} -> {1}")
    @CsvSource({
        "0-16, 0-15",
        "'0-15,66,70', 0-15",
        "'1,3-5', '1,3-5'",
    })
    void telephoneEventRangesIntersect(String offered, String expected) throws SdpParseException {
        SessionDescription offer =
                sdp("m=audio 5004 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 " + offered);

        StreamNegotiation s =
                OfferAnswer.negotiate(offer, Profiles.MIXER).streams().get(0);

        assertThat(s.eventFormats().get(0).localFmtp()).isEqualTo(expected);
    }

    @Test
    void telephoneEventWithNoCommonEventIsDropped() throws SdpParseException {
        SessionDescription offer =
                sdp("m=audio 5004 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 66-70");

        assertThat(OfferAnswer.negotiate(offer, Profiles.MIXER).streams().get(0).eventFormats())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "profile-level-id=42e01f;packetization-mode=1, H264, profile-level-id=42e01f;packetization-mode=1",
        "profile-level-id=42e00d;packetization-mode=1, H264, profile-level-id=42e00d;packetization-mode=1",
        "profile-level-id=42e028;packetization-mode=1, H264, profile-level-id=42e01f;packetization-mode=1",
        "profile-level-id=42e034;level-asymmetry-allowed=1;packetization-mode=1, H264,"
                + " profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1",
        "profile-level-id=4d801f;packetization-mode=1, H264, profile-level-id=4d801f;packetization-mode=1",
        "profile-level-id=4d401f;packetization-mode=1, none, ",
        "profile-level-id=42001f;packetization-mode=1, none, ",
        "profile-level-id=640c1f;packetization-mode=1, none, ",
        "profile-level-id=42e01f, none, ",
        "packetization-mode=1, none, ",
    })
    void h264NeedsTheSameProfileAndModeAndAnswersTheLowerLevel(String fmtp, String result, String answerFmtp)
            throws SdpParseException {
        SessionDescription offer = sdp("m=video 5006 RTP/AVP 102", "a=rtpmap:102 H264/90000", "a=fmtp:102 " + fmtp);

        StreamNegotiation s =
                OfferAnswer.negotiate(offer, Profiles.MIXER).streams().get(0);

        if (result.equals("none")) {
            assertThat(s.rejection()).contains(Rejection.NO_COMMON_CODEC);
        } else {
            assertThat(s.formats()).singleElement().satisfies(f -> {
                assertThat(f.payloadType()).isEqualTo("102");
                assertThat(f.localFmtp()).isEqualTo(answerFmtp);
            });
        }
    }

    @ParameterizedTest(name = "offer {0} -> answer {1}")
    @CsvSource({
        "sendrecv, sendrecv",
        "sendonly, recvonly",
        "recvonly, sendonly",
        "inactive, inactive",
    })
    void directionIsMirrored(String offered, String answered) throws SdpParseException {
        SessionDescription offer = sdp("m=audio 5004 RTP/AVP 0", "a=" + offered);

        SessionDescription answer = answer(OfferAnswer.negotiate(offer, Profiles.MIXER));

        assertThat(answer.directionOf(answer.media().get(0)))
                .isEqualTo(Direction.fromAttribute(answered).orElseThrow());
        assertThat(answer.media().get(0).has(answered)).isTrue();
    }

    @Test
    void oldStyleHoldWithNullAddressIsAnsweredRecvonlyWithARealAddress() throws SdpParseException {
        SessionDescription offer = SdpParser.parse("v=0\r\no=- 7 8 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\nm=audio 5004 RTP/AVP 0\r\na=sendrecv\r\n");

        Negotiation n = OfferAnswer.negotiate(offer, Profiles.MIXER);
        SessionDescription answer = answer(n);

        StreamNegotiation s = n.streams().get(0);
        assertThat(s.onHold()).isTrue();
        assertThat(s.remoteHost()).isEmpty();
        assertThat(s.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(answer.connection().orElseThrow().host()).isEqualTo("203.0.113.5");
    }

    @Test
    void disabledUnknownAndSurplusStreamsGetPortZeroInTheirPlace() throws SdpParseException {
        SessionDescription offer = sdp(
                "m=audio 5004 RTP/AVP 0",
                "m=video 0 RTP/AVP 96",
                "a=rtpmap:96 VP8/90000",
                "m=text 5008 RTP/AVP 98",
                "a=rtpmap:98 t140/1000",
                "m=audio 5010 RTP/AVP 8",
                "m=video 5012 RTP/AVP 96",
                "a=rtpmap:96 VP8/90000");

        Negotiation n = OfferAnswer.negotiate(offer, Profiles.MIXER);
        SessionDescription answer = answer(n);

        assertThat(n.streams())
                .extracting(StreamNegotiation::rejection)
                .containsExactly(
                        Optional.empty(),
                        Optional.of(Rejection.DISABLED),
                        Optional.of(Rejection.UNSUPPORTED_MEDIA),
                        Optional.of(Rejection.SURPLUS_STREAM),
                        Optional.empty());
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(40000, 0, 0, 0, 40008);
        assertThat(answer.media().get(2).formats()).containsExactly("98");
        assertThat(answer.media().get(2).media()).isEqualTo("text");
    }

    @Test
    void reOfferThatAddsSlidesAndRemovesVideo() throws SdpParseException {
        SessionDescription first = sdp("m=audio 5004 RTP/AVP 0", "m=video 5006 RTP/AVP 96", "a=rtpmap:96 VP8/90000");
        SessionDescription reOffer = sdp(
                "m=audio 5004 RTP/AVP 0",
                "m=video 0 RTP/AVP 96",
                "a=rtpmap:96 VP8/90000",
                "m=video 5008 RTP/AVP 96",
                "a=rtpmap:96 VP8/90000",
                "a=content:slides",
                "a=label:screen-1");

        assertThat(OfferAnswer.negotiate(first, Profiles.MIXER).accepted()).hasSize(2);
        Negotiation n = OfferAnswer.negotiate(reOffer, Profiles.MIXER);
        SessionDescription answer = answer(n);

        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(40000, 0, 40004);
        assertThat(n.streams().get(2).kind()).contains(MediaKind.SLIDES);
        assertThat(answer.media().get(2).attribute("content")).contains("slides");
        assertThat(answer.media().get(2).attribute("label")).contains("screen-1");
    }

    @Test
    void rtcpMuxFeedbackAndPtimeFollowTheOfferWhereTheProfileCan() throws SdpParseException {
        SessionDescription offer = sdp(
                "m=audio 5004 RTP/AVPF 0",
                "a=ptime:30",
                "a=rtcp-mux",
                "m=video 5006 RTP/AVPF 96 97",
                "a=rtpmap:96 VP8/90000",
                "a=rtpmap:97 rtx/90000",
                "a=fmtp:97 apt=96",
                "a=rtcp-fb:96 nack",
                "a=rtcp-fb:96 nack pli",
                "a=rtcp-fb:96 goog-remb",
                "a=rtcp-fb:* ccm fir",
                "a=rtcp-fb:97 nack");

        SessionDescription answer = answer(OfferAnswer.negotiate(offer, Profiles.MIXER));

        MediaDescription audio = answer.media().get(0);
        assertThat(audio.attribute("ptime")).contains("30");
        assertThat(audio.has("rtcp-mux")).isTrue();
        MediaDescription video = answer.media().get(1);
        assertThat(video.formats()).containsExactly("96");
        assertThat(video.attributes("rtcp-fb")).containsExactly("96 nack", "96 nack pli", "* ccm fir");
        assertThat(video.has("rtcp-mux")).isFalse();
    }

    @Test
    void unusablePtimeFallsBackToTheProfiles() throws SdpParseException {
        StreamNegotiation s = OfferAnswer.negotiate(sdp("m=audio 5004 RTP/AVP 0", "a=ptime:25"), Profiles.MIXER)
                .streams()
                .get(0);

        assertThat(s.ptime()).isEqualTo(OptionalInt.of(20));
    }

    @Test
    void remoteControlStreamTakesTheOtherTcpRole() throws SdpParseException {
        SessionDescription offer = sdp(
                "m=video 5006 RTP/AVP 96",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 profile-level-id=42e01f;packetization-mode=1",
                "a=content:slides",
                "a=recvonly",
                "m=application 9 TCP/RTP/AVP 100",
                "a=rtpmap:100 hip/90000",
                "a=setup:active",
                "a=connection:new");

        SessionDescription answer = answer(OfferAnswer.negotiate(offer, Profiles.DESKTOP));

        assertThat(answer.media().get(0).has("sendonly")).isTrue();
        MediaDescription control = answer.media().get(1);
        assertThat(control.protocol()).isEqualTo("TCP/RTP/AVP");
        assertThat(control.attribute("setup")).contains("passive");
        assertThat(control.attribute("connection")).contains("new");
        assertThat(control.attribute("rtpmap")).contains("100 hip/90000");
    }

    @Test
    void softphonesRejectTheRemoteControlStreamAndKeepTheRest() throws SdpParseException {
        SessionDescription offer =
                sdp("m=audio 5004 RTP/AVP 0", "m=application 9 TCP/RTP/AVP 100", "a=rtpmap:100 hip/90000");

        Negotiation n = OfferAnswer.negotiate(offer, Profiles.SOFTPHONE_AUDIO);

        assertThat(n.anyAccepted()).isTrue();
        assertThat(answer(n).media()).extracting(MediaDescription::port).containsExactly(40000, 0);
    }

    @Test
    void sdesCryptoIsAnsweredWithTheSameTagAndSuiteAndALocalKey() throws SdpParseException {
        SessionDescription offer = sdp(
                "m=audio 5004 RTP/SAVP 0",
                "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:ZmlzaGZpc2hmaXNoZmlzaGZpc2hmaXNoZmlzaGZpc2hmaXNoZmlzaGZp",
                "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32");
        StreamSpec audio = Profiles.MIXER.stream(MediaKind.AUDIO).orElseThrow();
        Profile srtp = new Profile(
                "srtp",
                List.of(new StreamSpec(
                        MediaKind.AUDIO,
                        List.of("RTP/SAVP"),
                        audio.codecs(),
                        Direction.SENDRECV,
                        false,
                        20,
                        List.of("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"))));

        Negotiation n = OfferAnswer.negotiate(offer, srtp);
        SessionDescription answer = n.answer(new AnswerParams(
                ORIGIN,
                "Parley",
                "203.0.113.5",
                Map.of(0, new LocalStream(40000, List.of(), Optional.of("b2NhbGtleWxvY2Fsa2V5bG9jYWxrZXlsb2NhbA")))));

        assertThat(answer.media().get(0).attributes("crypto"))
                .containsExactly("2 AES_CM_128_HMAC_SHA1_32 inline:b2NhbGtleWxvY2Fsa2V5bG9jYWxrZXlsb2NhbA");
        assertThat(OfferAnswer.negotiate(offer, Profiles.MIXER).streams().get(0).rejection())
                .contains(Rejection.UNSUPPORTED_TRANSPORT);
    }

    @Test
    void offeredSsrcsAreReportedAndLocalOnesAnnounced() throws SdpParseException {
        SessionDescription offer = sdp(
                "m=audio 5004 RTP/AVP 0",
                "a=ssrc:11 cname:a@example.com",
                "a=ssrc:11 msid:stream track",
                "a=ssrc:22 cname:a@example.com");

        Negotiation n = OfferAnswer.negotiate(offer, Profiles.MIXER);
        SessionDescription answer = n.answer(new AnswerParams(
                ORIGIN,
                "Parley",
                "203.0.113.5",
                Map.of(
                        0,
                        new LocalStream(
                                40000,
                                List.of(new SsrcAttribute(99, "cname", Optional.of("mixer@parley"))),
                                Optional.empty()))));

        assertThat(n.streams().get(0).remoteSsrcs()).containsExactly(11L, 22L);
        assertThat(answer.media().get(0).attributes("ssrc")).containsExactly("99 cname:mixer@parley");
    }

    @Test
    void nothingInCommonExplainsItselfForThe488Warning() throws SdpParseException {
        SessionDescription offer = sdp("m=audio 5004 RTP/AVP 3 18");

        Negotiation n = OfferAnswer.negotiate(offer, Profiles.MIXER);

        assertThat(n.anyAccepted()).isFalse();
        assertThat(n.refusalSummary())
                .isEqualTo("audio RTP/AVP: no common codec (offered GSM/8000, G729/8000;"
                        + " mixer takes PCMU, PCMA, G722, opus)");
    }

    @Test
    void telephoneEventAloneIsNoCommonCodec() throws SdpParseException {
        SessionDescription offer = sdp("m=audio 5004 RTP/AVP 101", "a=rtpmap:101 telephone-event/8000");

        assertThat(OfferAnswer.negotiate(offer, Profiles.MIXER).streams().get(0).rejection())
                .contains(Rejection.NO_COMMON_CODEC);
    }
}
