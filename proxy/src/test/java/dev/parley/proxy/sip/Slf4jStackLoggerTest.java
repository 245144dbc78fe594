package dev.parley.proxy.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Slf4jStackLoggerTest {
    @Test
    void aSipMessageInALogLineShrinksToItsFirstLine() {
        String logged = "Problem connecting /127.0.0.1 36292 /127.0.0.1 for message SIP/2.0 401 Unauthorized\r\n"
                + "Call-ID: t1@x\r\nCSeq: 1 REGISTER\r\n\r\n";
        assertThat(Slf4jStackLogger.oneLine(logged))
                .isEqualTo("Problem connecting /127.0.0.1 36292 /127.0.0.1 for message SIP/2.0 401 Unauthorized"
                        + " (+2 lines at debug level)");
    }

    @Test
    void aSingleLineStaysAsItIs() {
        assertThat(Slf4jStackLogger.oneLine("plain")).isEqualTo("plain");
        assertThat(Slf4jStackLogger.oneLine("trailing\n")).isEqualTo("trailing");
    }
}
