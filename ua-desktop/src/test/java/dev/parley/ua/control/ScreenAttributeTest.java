package dev.parley.ua.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import dev.parley.ua.control.hip.ScreenSize;
import org.junit.jupiter.api.Test;

class ScreenAttributeTest {
    private static final String ANSWER = "v=0\r\no=- 1 1 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\n"
            + "m=video 40010 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=content:slides\r\na=sendonly\r\n"
            + "m=application 43111 TCP/RTP/AVP 100\r\na=rtpmap:100 hip/90000\r\na=setup:passive\r\n";

    @Test
    void theScreenSizeTravelsAsAnRfc6236SendImageAttributeAndReadsBack() throws SdpParseException {
        SessionDescription answer = ScreenAttribute.withScreen(SdpParser.parse(ANSWER), 0, new ScreenSize(1920, 1080));

        SessionDescription reparsed = SdpParser.parse(answer.toString());

        assertThat(answer.toString()).contains("a=sendonly\r\na=imageattr:* send [x=1920,y=1080]\r\nm=application");
        assertThat(ScreenAttribute.screen(reparsed.media().get(0))).contains(new ScreenSize(1920, 1080));
        assertThat(ScreenAttribute.screen(reparsed.media().get(1))).isEmpty();
    }

    @Test
    void anImageAttributeWithoutASendSizeSaysNothing() throws SdpParseException {
        MediaDescription m = SdpParser.parse(ANSWER.replace("a=sendonly", "a=imageattr:96 recv [x=640,y=480]"))
                .media()
                .get(0);

        assertThat(ScreenAttribute.screen(m)).isEmpty();
    }
}
