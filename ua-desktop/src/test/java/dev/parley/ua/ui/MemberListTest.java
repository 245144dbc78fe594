package dev.parley.ua.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ua.session.RosterMedia;
import dev.parley.ua.session.RosterMember;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemberListTest {
    private static RosterMedia media(String type, String label, String status) {
        return new RosterMedia("1", type, label, OptionalLong.of(42), status);
    }

    @Test
    void showsTheBadgesTheMemberListGives() {
        RosterMember alice = new RosterMember(
                "sip:alice@localhost",
                "Alice",
                List.of("host"),
                List.of(
                        media("audio", "", "recvonly"),
                        media("video", "", "sendrecv"),
                        media("video", "slides", "sendonly")));
        RosterMember bob = new RosterMember(
                "sip:bob@localhost", "", List.of("participant"), List.of(media("audio", "", "sendrecv")));

        assertThat(MemberList.text(alice, "sip:bob@localhost")).isEqualTo("Alice — host · muted · video · presenting");
        assertThat(MemberList.text(bob, "sip:bob@localhost")).isEqualTo("sip:bob@localhost (you)");
    }

    @Test
    void theHostMenuRequestsControlMutesOrUnmutesAndRemoves() {
        RosterMember bob = new RosterMember(
                "sip:bob@localhost", "Bob", List.of("participant"), List.of(media("audio", "", "sendrecv")));
        List<dev.parley.ua.session.HostAction> sent = new java.util.ArrayList<>();
        List<RosterMember> asked = new java.util.ArrayList<>();

        javax.swing.JPopupMenu menu = MemberList.menu(bob, false, true, sent::add, asked::add);
        ((javax.swing.JMenuItem) menu.getComponent(0)).doClick();
        ((javax.swing.JMenuItem) menu.getComponent(1)).doClick();
        ((javax.swing.JMenuItem) menu.getComponent(2)).doClick();

        assertThat(((javax.swing.JMenuItem) menu.getComponent(0)).getText()).isEqualTo("Request control");
        assertThat(((javax.swing.JMenuItem) menu.getComponent(1)).getText()).isEqualTo("Mute Bob");
        assertThat(asked).containsExactly(bob);
        assertThat(sent)
                .containsExactly(
                        new dev.parley.ua.session.HostAction.Mute("sip:bob@localhost", true),
                        new dev.parley.ua.session.HostAction.Kick("sip:bob@localhost"));
    }

    @Test
    void othersSeeOnlyRequestControlAndNothingOnTheirOwnRow() {
        RosterMember bob = new RosterMember(
                "sip:bob@localhost", "Bob", List.of("participant"), List.of(media("audio", "", "sendrecv")));

        javax.swing.JPopupMenu other = MemberList.menu(bob, false, false, a -> {}, m -> {});
        javax.swing.JPopupMenu self = MemberList.menu(bob, true, false, a -> {}, m -> {});

        assertThat(other.getComponentCount()).isEqualTo(1);
        assertThat(((javax.swing.JMenuItem) other.getComponent(0)).getText()).isEqualTo("Request control");
        assertThat(self.getComponentCount()).isZero();
    }
}
