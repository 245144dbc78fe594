package dev.parley.ua.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndReasonTest {
    @Test
    void theFocusByesReasonNamesACloseOrARemoval() {
        assertThat(EndReason.fromReasonHeader("Reason: Q.850;cause=16;text=\"Meeting closed by the host\"\r\n"))
                .contains(EndReason.CLOSED_BY_HOST);
        assertThat(EndReason.fromReasonHeader("Reason: Q.850;cause=16;text=\"The host left and the meeting closed\""))
                .contains(EndReason.CLOSED_BY_HOST);
        assertThat(EndReason.fromReasonHeader("Reason: Q.850;cause=16;text=\"Removed from the meeting by the host\""))
                .contains(EndReason.KICKED);
        assertThat(EndReason.fromReasonHeader("Reason: Q.850;cause=102;text=\"Session timer expired\""))
                .contains(EndReason.ENDED_BY_SERVER);
    }

    @Test
    void noReasonLeavesItToTheMemberList() {
        assertThat(EndReason.fromReasonHeader(null)).isEmpty();
        assertThat(EndReason.fromReasonHeader(" ")).isEmpty();
    }
}
