package dev.parley.ua.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeetingAddressTest {
    @Test
    void theMeetingIdComesFromTheFocusContact() {
        assertThat(MeetingAddress.idFromFocusContact("<sip:831620@localhost>;isfocus"))
                .contains("831620");
        assertThat(MeetingAddress.idFromFocusContact("<sip:831620@example.com:5060>;expires=60;isfocus"))
                .contains("831620");
        assertThat(MeetingAddress.idFromFocusContact("<sip:000001@10.77.0.1>;ISFOCUS"))
                .contains("000001");
        assertThat(MeetingAddress.idFromFocusContact("sip:123456@host;isfocus")).contains("123456");
        // Not a focus, or not a meeting number.
        assertThat(MeetingAddress.idFromFocusContact("<sip:831620@localhost>")).isEmpty();
        assertThat(MeetingAddress.idFromFocusContact("<sip:alice@localhost>;isfocus"))
                .isEmpty();
        assertThat(MeetingAddress.idFromFocusContact("<sip:83162@localhost>;isfocus"))
                .isEmpty();
        assertThat(MeetingAddress.idFromFocusContact("<sip:831620@localhost>;isfocusx"))
                .isEmpty();
    }

    @Test
    void whatTheUserTypesBecomesTheUriToInvite() {
        assertThat(MeetingAddress.uriOf(" 831620 ", "localhost")).contains("sip:831620@localhost");
        assertThat(MeetingAddress.uriOf("sip:831620@example.com", "localhost")).contains("sip:831620@example.com");
        assertThat(MeetingAddress.uriOf("83162", "localhost")).isEmpty();
        assertThat(MeetingAddress.uriOf("sip:bob@localhost", "localhost")).isEmpty();
        assertThat(MeetingAddress.uriOf("831620; drop table", "localhost")).isEmpty();
        assertThat(MeetingAddress.idOf("sip:831620@example.com")).contains("831620");
        assertThat(MeetingAddress.factoryUri("example.com")).isEqualTo("sip:conference@example.com");
    }
}
