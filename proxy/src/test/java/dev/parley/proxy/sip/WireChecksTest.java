package dev.parley.proxy.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireChecksTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void otherVersionIs505() {
        assertThat(WireChecks.check(bytes("OPTIONS sip:a@b SIP/7.0\r\nVia: SIP/7.0/UDP c\r\nl: 0\r\n\r\n")))
                .contains(new Malformed(505, "Version Not Supported"));
    }

    @Test
    void singleValueHeaderTwiceIs400EvenInCompactFormOrWithLfLineEnds() {
        assertThat(WireChecks.check(bytes("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 13\r\nl: 5\r\n\r\nbody")))
                .contains(new Malformed(400, "Duplicate Content-Length Header"));
        assertThat(WireChecks.check(bytes("INVITE sip:a@b SIP/2.0\nTo: <sip:a@b>\nt: <sip:c@d>\n\n")))
                .contains(new Malformed(400, "Duplicate To Header"));
    }

    @Test
    void wellFormedMessagesAndListHeadersPass() {
        assertThat(
                        WireChecks.check(
                                bytes(
                                        "REGISTER sip:b SIP/2.0\r\nVia: SIP/2.0/UDP x\r\nVia: SIP/2.0/UDP y\r\n"
                                                + "Contact: <sip:a@x>\r\nContact: <sip:a@y>\r\nTo: <sip:a@b>\r\n\r\nTo: not a header, body\r\n")))
                .isEmpty();
        assertThat(WireChecks.check(bytes("SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n\r\n")))
                .isEmpty();
    }

    @Test
    void lowerCaseVersionBlanksAndFoldedLinesAreReadLikeTheRfcSays() {
        assertThat(WireChecks.check(bytes("OPTIONS sip:a@b sip/2.0  \r\nTo: <sip:a@b>\r\n\r\n")))
                .isEmpty();
        // A continuation line (leading blank) is part of the header above it, not a new one.
        assertThat(WireChecks.check(bytes("OPTIONS sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\n To: folded\r\n\r\n")))
                .isEmpty();
        assertThat(WireChecks.check(bytes("OPTIONS sip:a@b SIP/2.0\r\nCALL-ID : x\r\ni: y\r\n\r\n")))
                .contains(new Malformed(400, "Duplicate Call-ID Header"));
        assertThat(WireChecks.check(bytes("OPTIONS sip:a@b SIP/2.0"))).isEmpty();
        assertThat(WireChecks.check(bytes("OPTIONS sip:a@b"))).contains(new Malformed(505, "Version Not Supported"));
        assertThat(WireChecks.check(bytes(""))).contains(new Malformed(505, "Version Not Supported"));
    }
}
