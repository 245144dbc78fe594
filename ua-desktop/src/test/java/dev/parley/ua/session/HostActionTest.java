package dev.parley.ua.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JSON bodies, as the focus's ControlBody reads them (checked against it in FocusBodiesTest). */
class HostActionTest {
    @Test
    void bodies() {
        assertThat(new HostAction.Close().json()).isEqualTo("{\"action\":\"close\"}");
        assertThat(new HostAction.Lock(true).json()).isEqualTo("{\"action\":\"lock\"}");
        assertThat(new HostAction.Lock(false).json()).isEqualTo("{\"action\":\"unlock\"}");
        assertThat(new HostAction.Mute("sip:bob@localhost", true).json())
                .isEqualTo("{\"action\":\"mute\",\"member\":\"sip:bob@localhost\"}");
        assertThat(new HostAction.Kick("sip:\"odd\\name\n@x").json())
                .isEqualTo("{\"action\":\"kick\",\"member\":\"sip:\\\"odd\\\\name\\u000a@x\"}");
    }
}
