package dev.parley.ua.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.proxy.focus.ConferenceInfo;
import dev.parley.proxy.focus.Control;
import dev.parley.proxy.focus.ControlBody;
import dev.parley.proxy.focus.Effect;
import dev.parley.proxy.focus.Focus;
import dev.parley.proxy.focus.HostLeavePolicy;
import dev.parley.proxy.focus.Member;
import dev.parley.proxy.focus.MemberId;
import dev.parley.proxy.focus.MemberMedia;
import dev.parley.proxy.focus.Outcome;
import dev.parley.proxy.focus.RoomId;
import dev.parley.sdp.Direction;
import dev.parley.sdp.negotiation.MediaKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of the wire against the focus's own code: the member list documents its
 * {@code ConferenceInfo} writes as a real room changes, and the control bodies its {@code
 * ControlBody} reads.
 */
class FocusDocumentsTest {
    static Member member(String user, String name, long ssrc) {
        return Member.joining(
                new MemberId("call-" + user),
                "sip:" + user + "@localhost",
                name,
                "sip:" + user + "@127.0.0.1:5070",
                List.of(
                        new MemberMedia(MediaKind.AUDIO, OptionalLong.of(ssrc), "0", Direction.SENDRECV),
                        new MemberMedia(MediaKind.VIDEO, OptionalLong.of(ssrc + 1), "1", Direction.SENDRECV)));
    }

    static ConferenceInfoDocument parse(String xml) throws Exception {
        return ConferenceInfoDocument.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Applies every partial NOTIFY among a decision's effects, in order. */
    static Roster applyNotifies(Roster r, String entity, Outcome o) throws Exception {
        for (Effect e : o.effects()) {
            if (e instanceof Effect.Notify n) {
                r = r.apply(parse(ConferenceInfo.partial(entity, n))).orElseThrow();
            }
        }
        return r;
    }

    @Test
    void theRosterFollowsARealRoomThroughJoinsMuteLockAndTheHostLeaving() throws Exception {
        Focus focus = new Focus(HostLeavePolicy.HAND_OVER, () -> 831620);
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        RoomId id = focus.create(member("alice", "Alice <A&B>", 1000), t).orElseThrow();
        String entity = "sip:" + id + "@localhost";
        focus.join(id, member("bob", "Bob", 2000), t.plusSeconds(1));
        Roster r = Roster.empty()
                .apply(parse(ConferenceInfo.full(focus.room(id).orElseThrow(), entity)))
                .orElseThrow();
        assertThat(r.members()).extracting(RosterMember::name).containsExactly("Alice <A&B>", "Bob");
        assertThat(r.host()).map(RosterMember::entity).contains("sip:alice@localhost");
        assertThat(r.bySrcId(2001)).map(RosterMember::name).contains("Bob");

        r = applyNotifies(r, entity, focus.join(id, member("carol", "Carol", 3000), t.plusSeconds(2)));
        assertThat(r.members()).extracting(RosterMember::name).containsExactly("Alice <A&B>", "Bob", "Carol");

        MemberId alice = new MemberId("call-alice");
        r = applyNotifies(r, entity, focus.control(id, alice, new Control.Mute("sip:bob@localhost", true)));
        assertThat(r.member("sip:bob@localhost").orElseThrow().muted()).isTrue();
        assertThat(r.member("sip:carol@localhost").orElseThrow().muted()).isFalse();

        r = applyNotifies(r, entity, focus.control(id, alice, new Control.Lock(true)));
        assertThat(r.locked()).isTrue();

        r = applyNotifies(r, entity, focus.leave(id, alice));
        assertThat(r.members()).extracting(RosterMember::name).containsExactly("Bob", "Carol");
        assertThat(r.host()).map(RosterMember::name).contains("Bob");
        assertThat(r.version()).isEqualTo(focus.room(id).orElseThrow().version());
    }

    @Test
    void theFocusReadsEveryHostActionTheAgentWrites() throws Exception {
        assertThat(ControlBody.parse(new HostAction.Close().json())).isEqualTo(new Control.Close());
        assertThat(ControlBody.parse(new HostAction.Lock(true).json())).isEqualTo(new Control.Lock(true));
        assertThat(ControlBody.parse(new HostAction.Lock(false).json())).isEqualTo(new Control.Lock(false));
        assertThat(ControlBody.parse(new HostAction.Kick("sip:bob@localhost").json()))
                .isEqualTo(new Control.Kick("sip:bob@localhost"));
        assertThat(ControlBody.parse(new HostAction.Mute("sip:\"x\"@localhost", true).json()))
                .isEqualTo(new Control.Mute("sip:\"x\"@localhost", true));
        assertThat(ControlBody.parse(new HostAction.Mute("sip:bob@localhost", false).json()))
                .isEqualTo(new Control.Mute("sip:bob@localhost", false));
        assertThat(HostAction.PACKAGE).isEqualTo(ControlBody.PACKAGE);
    }
}
