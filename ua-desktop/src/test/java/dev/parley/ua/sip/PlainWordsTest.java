package dev.parley.ua.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlainWordsTest {
    @Test
    void meetingFailuresInPlainWords() {
        assertThat(PlainWords.meeting(404, "No such meeting", Optional.empty(), false))
                .isEqualTo("meeting not found");
        assertThat(PlainWords.meeting(403, "Meeting is locked", Optional.empty(), false))
                .isEqualTo("the meeting is locked");
        assertThat(PlainWords.meeting(
                        488,
                        "Not Acceptable Here",
                        Optional.of(
                                PlainWords.warningText(
                                        "305 localhost \"audio RTP/AVP: no common codec (offered GSM/8000; mixer takes PCMU)\"")),
                        false))
                .isEqualTo("no common codec: audio RTP/AVP: no common codec (offered GSM/8000; mixer takes PCMU)");
        assertThat(PlainWords.meeting(407, "Proxy Authentication Required", Optional.empty(), true))
                .isEqualTo("wrong user name or password");
        assertThat(PlainWords.meeting(503, "Mixer Unavailable", Optional.empty(), false))
                .contains("mixer is unavailable");
    }

    @Test
    void registrationFailuresInPlainWords() {
        assertThat(PlainWords.registration(401, "Unauthorized", true)).isEqualTo("wrong user name or password");
        assertThat(PlainWords.registration(403, "Too Many Failed Attempts", false))
                .startsWith("too many failed attempts");
        assertThat(PlainWords.registration(408, "Request Timeout", false)).isEqualTo("no answer from the server");
    }
}
