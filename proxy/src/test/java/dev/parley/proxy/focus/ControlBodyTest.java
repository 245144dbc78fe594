package dev.parley.proxy.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlBodyTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"action\":\"close\"}                                  | Close[]",
                "{\"action\":\"lock\"}                                   | Lock[locked=true]",
                "{\"action\":\"unlock\"}                                 | Lock[locked=false]",
                "{\"action\":\"kick\",\"member\":\"sip:bob@localhost\"}   | Kick[memberUri=sip:bob@localhost]",
                "{\"action\":\"mute\",\"member\":\"sip:bob@localhost\"}   | Mute[memberUri=sip:bob@localhost, muted=true]",
                "{\"member\":\"sip:bob@localhost\",\"action\":\"unmute\"} | Mute[memberUri=sip:bob@localhost, muted=false]",
            })
    void everyActionOfThePackage(String body, String expected) throws ControlBody.BadControlException {
        assertThat(ControlBody.parse(body).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "close                      | body is not JSON",
                "[1,2]                      | body is not a JSON object",
                "{}                         | no \"action\"",
                "{\"action\":7}             | no \"action\"",
                "{\"action\":\"explode\"}   | unknown action \"explode\"",
                "{\"action\":\"kick\"}      | \"kick\" needs \"member\": a SIP URI",
            })
    void badBodiesSayWhatIsWrong(String body, String reason) {
        assertThatThrownBy(() -> ControlBody.parse(body))
                .isInstanceOf(ControlBody.BadControlException.class)
                .hasMessage(reason);
    }
}
