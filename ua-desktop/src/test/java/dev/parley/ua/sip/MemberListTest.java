package dev.parley.ua.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ua.session.Roster;
import dev.parley.ua.session.RosterMedia;
import dev.parley.ua.session.RosterMember;
import dev.parley.ua.session.SessionEvent;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemberListTest {
    static RosterMember m(String user, String role, String audio) {
        return new RosterMember(
                "sip:" + user + "@localhost",
                user,
                List.of(role),
                List.of(new RosterMedia("1", "audio", "0", OptionalLong.empty(), audio)));
    }

    @Test
    void aChangeIsTheWholeListThenWhoJoinedChangedAndLeft() {
        Roster before =
                new Roster("sip:1@x", 3, false, List.of(m("a", "host", "sendrecv"), m("b", "participant", "sendrecv")));
        Roster after =
                new Roster("sip:1@x", 4, false, List.of(m("b", "host", "sendrecv"), m("c", "participant", "recvonly")));
        List<SessionEvent> events = MemberList.diff(before, after);
        assertThat(events)
                .containsExactly(
                        new SessionEvent.RosterChanged(after),
                        new SessionEvent.MemberUpdated(m("b", "participant", "sendrecv"), m("b", "host", "sendrecv")),
                        new SessionEvent.MemberJoined(m("c", "participant", "recvonly")),
                        new SessionEvent.MemberLeft(m("a", "host", "sendrecv")));
        assertThat(MemberList.diff(after, after)).containsExactly(new SessionEvent.RosterChanged(after));
    }
}
