package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpParserTest {

    /** Every line type of RFC 8866 §5, in its order, with an unknown attribute at each level. */
    static final String EVERY_LINE_TYPE = String.join(
                    "\r\n",
                    "v=0",
                    "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
                    "s=Call to John Smith",
                    "i=SDP Offer #1",
                    "u=http://www.jdoe.example.com/home.html",
                    "e=Jane Doe <jane@jdoe.example.com>",
                    "p=+1 617 555-6011",
                    "c=IN IP4 198.51.100.1",
                    "b=AS:512",
                    "t=2873397496 2873404696",
                    "r=7d 1h 0 25h",
                    "z=2882844526 -1h 2898848070 0",
                    "k=prompt",
                    "a=x-vendor:first",
                    "a=recvonly",
                    "m=audio 49170 RTP/AVP 0",
                    "i=voice",
                    "c=IN IP4 198.51.100.2",
                    "b=TIAS:64000",
                    "a=x-vendor:second",
                    "m=video 51372/2 RTP/AVP 99 100",
                    "a=rtpmap:99 h263-1998/90000",
                    "a=rtpmap:100 H264/90000",
                    "a=fmtp:100 profile-level-id=42e01f;packetization-mode=1",
                    "a=x-unknown",
                    "m=application 9 TCP/RTP/AVP 100",
                    "a=rtpmap:100 hip/90000",
                    "a=setup:active",
                    "a=connection:new",
                    "")
            .replace("\r\n\r\n", "\r\n");

    @Test
    void everyLineTypeRoundTripsByteForByte() throws SdpParseException {
        SessionDescription sdp = SdpParser.parse(EVERY_LINE_TYPE);

        assertThat(SdpWriter.write(sdp)).isEqualTo(EVERY_LINE_TYPE);
        assertThat(sdp.origin().sessionVersion()).isEqualTo("3724394405");
        assertThat(sdp.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>");
        assertThat(sdp.timings()).containsExactly(new Timing("2873397496", "2873404696", List.of("7d 1h 0 25h")));
        assertThat(sdp.zoneAdjustments()).contains("2882844526 -1h 2898848070 0");
        assertThat(sdp.media()).hasSize(3);
        MediaDescription video = sdp.media().get(1);
        assertThat(video.port()).isEqualTo(51372);
        assertThat(video.portCount()).isEqualTo(OptionalInt.of(2));
        assertThat(video.formats()).containsExactly("99", "100");
        assertThat(video.attributes()).last().isEqualTo(Attribute.flag("x-unknown"));
        assertThat(sdp.media().get(0).bandwidths()).containsExactly(new Bandwidth("TIAS", 64000));
    }

    @Test
    void lfLineEndsAreReadAndWrittenAsCrlf() throws SdpParseException {
        SessionDescription sdp = SdpParser.parse(EVERY_LINE_TYPE.replace("\r\n", "\n"));

        assertThat(SdpWriter.write(sdp)).isEqualTo(EVERY_LINE_TYPE);
    }

    @Test
    void unknownAttributesKeepTheirOrderAndValues() throws SdpParseException {
        String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=z-last:1\r\na=a-first\r\na=rtcp-xr:rcvr-rtt=all:10000 stat-summary\r\n";

        MediaDescription m = SdpParser.parse(body).media().get(0);

        assertThat(m.attributes())
                .containsExactly(
                        Attribute.of("z-last", "1"),
                        Attribute.flag("a-first"),
                        Attribute.of("rtcp-xr", "rcvr-rtt=all:10000 stat-summary"));
    }

    @Test
    void directionAndConnectionFallBackToSessionLevel() throws SdpParseException {
        SessionDescription sdp = SdpParser.parse(
                "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\na=sendonly\r\n"
                        + "m=audio 4000 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 0\r\nc=IN IP4 192.0.2.10\r\na=inactive\r\n");

        assertThat(sdp.directionOf(sdp.media().get(0))).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.directionOf(sdp.media().get(1))).isEqualTo(Direction.INACTIVE);
        assertThat(sdp.connectionOf(sdp.media().get(0))).contains(Connection.of("192.0.2.9"));
        assertThat(sdp.connectionOf(sdp.media().get(1)).map(Connection::host)).contains("192.0.2.10");
    }

    @Test
    void staticPayloadTypesNeedNoRtpmap() throws SdpParseException {
        MediaDescription m = SdpParser.parse(
                        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 8 9 18\r\n")
                .media()
                .get(0);

        assertThat(m.rtpMap("9")).contains(new RtpMap("9", "G722", 8000, 1));
        assertThat(m.rtpMap("18").map(RtpMap::encoding)).contains("G729");
        assertThat(m.rtpMap("96")).isEmpty();
    }

    @Test
    void typedAttributeViews() throws SdpParseException {
        MediaDescription m = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
                        + "m=audio 4000 RTP/SAVP 111\r\n"
                        + "a=rtpmap:111 opus/48000/2\r\n"
                        + "a=fmtp:111 minptime=10; useinbandfec=1\r\n"
                        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r\n"
                        + "a=ssrc:3735928559 cname:alice@example.com\r\n")
                .media()
                .get(0);

        assertThat(m.rtpMap("111")).contains(new RtpMap("111", "opus", 48000, 2));
        assertThat(m.fmtp("111").flatMap(f -> f.parameter("useinbandfec"))).contains("1");
        Crypto crypto = Crypto.parse(m.attribute("crypto").orElseThrow()).orElseThrow();
        assertThat(crypto.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(crypto.inlineKey()).isEqualTo("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
        assertThat(SsrcAttribute.parse(m.attribute("ssrc").orElseThrow()))
                .contains(new SsrcAttribute(3735928559L, "cname", Optional.of("alice@example.com")));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "v=1\\no=- 1 1 IN IP4 a\\ns=-\\n | 1 | unsupported version",
                "o=- 1 1 IN IP4 a\\ns=-\\n | 1 | expected v= line",
                "v=0\\no=- 1 IN IP4 a\\ns=-\\n | 2 | o= needs 6 fields",
                "v=0\\no=- x 1 IN IP4 a\\ns=-\\n | 2 | must be digits",
                "v=0\\no=- 1 1 IN IP4 a\\n | 2 | body ends before the s= line",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nt=0\\n | 4 | t= needs",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nc=IN IP4\\n | 4 | c= needs 3 fields",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nc=IN IP4 a\\nc=IN IP4 b\\n | 5 | second c= line",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nb=AS\\n | 4 | b= needs",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nr=1d\\n | 4 | r= line before any t= line",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nX=1\\n | 4 | 'X' is not a line type",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nhello\\n | 4 | expected <type>=<value>",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio 70000 RTP/AVP 0\\n | 4 | port 70000 is larger than 65535",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio x RTP/AVP 0\\n | 4 | port is not a number",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio\\n | 4 | m= needs",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio 1 RTP/AVP 0\\nt=0 0\\n | 5 | t= is not allowed in a media section",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio 1 RTP/AVP 0\\na=rtpmap:0 PCMU\\n | 5 | malformed a=rtpmap",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio 1 RTP/AVP 0\\na=rtpmap:200 X/8000\\n | 5 | malformed a=rtpmap",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio 1 RTP/AVP 0\\na=ptime:abc\\n | 5 | malformed a=ptime",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio 1 RTP/AVP 0\\na=setup:sideways\\n | 5 | malformed a=setup",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio 1 RTP/AVP 0\\na=ssrc:99999999999 cname:x\\n | 5 | malformed a=ssrc",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio 1 RTP/AVP 0\\na=crypto:1 AES\\n | 5 | malformed a=crypto",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\nm=audio 1 RTP/AVP 0\\na=:x\\n | 5 | attribute name is empty",
                "v=0\\no=- 1 1 IN IP4 a\\ns=-\\n\\nm=audio 1 RTP/AVP 0\\n | 4 | empty line",
                " | 0 | body ends before the v= line",
            })
    void malformedBodiesNameTheLineAndTheProblem(String body, int line, String reason) {
        String text = body == null ? "" : body.replace("\\n", "\r\n");

        assertThatThrownBy(() -> SdpParser.parse(text))
                .isInstanceOf(SdpParseException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((SdpParseException) e).line()).isEqualTo(line));
    }

    @Test
    void trailingBlankLinesAreTolerated() throws SdpParseException {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=0 0\r\n\r\n\r\n");

        assertThat(sdp.timings()).containsExactly(Timing.unbounded());
    }

    @Test
    void originVersionCountsUpPastLongRange() {
        Origin o = new Origin("-", "1", "9223372036854775807", "IN", "IP4", "192.0.2.1");

        assertThat(o.nextVersion().sessionVersion()).isEqualTo("9223372036854775808");
    }
}
