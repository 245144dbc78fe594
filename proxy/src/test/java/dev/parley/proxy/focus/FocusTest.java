package dev.parley.proxy.focus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdp.Direction;
import dev.parley.sdp.negotiation.MediaKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class FocusTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static Member member(String name) {
        return member(
                name,
                List.of(new MemberMedia(
                        MediaKind.AUDIO, OptionalLong.of(name.hashCode() & 0xffffL), "1", Direction.SENDRECV)));
    }

    static Member member(String name, List<MemberMedia> media) {
        return Member.joining(
                new MemberId("dialog-" + name),
                "sip:" + name + "@localhost",
                name.substring(0, 1).toUpperCase() + name.substring(1),
                "sip:" + name + "@127.0.0.1:5062",
                media);
    }

    static IntSupplier sequence(int... values) {
        AtomicInteger i = new AtomicInteger();
        return () -> values[Math.min(i.getAndIncrement(), values.length - 1)];
    }

    Focus focus = new Focus(HostLeavePolicy.HAND_OVER, sequence(831620, 831620, 42, 7));

    RoomId meetingOfAliceBobCarol() {
        RoomId id = focus.create(member("alice"), T0).orElseThrow();
        assertThat(focus.join(id, member("bob"), T0.plusSeconds(1)).status()).isEqualTo(200);
        assertThat(focus.join(id, member("carol"), T0.plusSeconds(2)).status()).isEqualTo(200);
        return id;
    }

    static List<String> names(RoomState room) {
        return room.members().stream()
                .map(m -> m.displayName() + ":" + m.role().token())
                .toList();
    }

    @Test
    void creatorIsHostAndJoinersAreParticipantsInJoinOrder() {
        RoomId id = meetingOfAliceBobCarol();

        RoomState room = focus.room(id).orElseThrow();
        assertThat(id.digits()).isEqualTo("831620");
        assertThat(names(room)).containsExactly("Alice:host", "Bob:participant", "Carol:participant");
        assertThat(room.version()).isEqualTo(3);
    }

    @Test
    void idCollisionsDrawAgainAndIdsAreSixDigits() {
        RoomId first = focus.create(member("alice"), T0).orElseThrow();
        RoomId second = focus.create(member("bob"), T0).orElseThrow();
        RoomId third = focus.create(member("carol"), T0).orElseThrow();

        assertThat(first.digits()).isEqualTo("831620");
        assertThat(second.digits()).isEqualTo("000042");
        assertThat(third.digits()).isEqualTo("000007");
    }

    @Test
    void aFullIdSpaceIsReportedNotLooped() {
        Focus stuck = new Focus(HostLeavePolicy.HAND_OVER, () -> 5);
        assertThat(stuck.create(member("alice"), T0)).isPresent();

        assertThat(stuck.create(member("bob"), T0)).isEmpty();
    }

    @Test
    void unknownRoomIs404AndLockedRoomIs403UntilUnlocked() {
        RoomId id = meetingOfAliceBobCarol();
        MemberId alice = new MemberId("dialog-alice");

        assertThat(focus.join(new RoomId("999999"), member("dave"), T0).status())
                .isEqualTo(404);
        assertThat(focus.control(id, alice, new Control.Lock(true)).effects())
                .containsExactly(new Effect.Notify(id, 4, List.of(new RoomChange.Locked(true)), 3, true));
        Outcome refused = focus.join(id, member("dave"), T0);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.reason()).isEqualTo("Meeting is locked");
        focus.control(id, alice, new Control.Lock(false));
        assertThat(focus.join(id, member("dave"), T0).status()).isEqualTo(200);
    }

    @Test
    void nonHostCloseIs403AndNothingChanges() {
        RoomId id = meetingOfAliceBobCarol();
        RoomState before = focus.room(id).orElseThrow();

        Outcome outcome = focus.control(id, new MemberId("dialog-bob"), new Control.Close());

        assertThat(outcome.status()).isEqualTo(403);
        assertThat(outcome.effects()).isEmpty();
        assertThat(focus.room(id)).contains(before);
    }

    @Test
    void controlFromAStrangerIs403() {
        RoomId id = meetingOfAliceBobCarol();

        assertThat(focus.control(id, new MemberId("dialog-mallory"), new Control.Lock(true))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void hostCloseByesEveryoneAndEndsTheRoom() {
        RoomId id = meetingOfAliceBobCarol();

        Outcome outcome = focus.control(id, new MemberId("dialog-alice"), new Control.Close());

        assertThat(outcome.effects())
                .containsExactly(
                        new Effect.Bye(new MemberId("dialog-alice"), ByeReason.CLOSED),
                        new Effect.Bye(new MemberId("dialog-bob"), ByeReason.CLOSED),
                        new Effect.Bye(new MemberId("dialog-carol"), ByeReason.CLOSED),
                        new Effect.EndRoom(id));
        assertThat(focus.room(id)).isEmpty();
        assertThat(focus.rooms()).isEmpty();
    }

    @Test
    void hostLeavingHandsOverToTheLongestPresentMember() {
        RoomId id = meetingOfAliceBobCarol();

        Outcome outcome = focus.leave(id, new MemberId("dialog-alice"));

        RoomState room = focus.room(id).orElseThrow();
        assertThat(names(room)).containsExactly("Bob:host", "Carol:participant");
        assertThat(outcome.effects()).singleElement().isInstanceOfSatisfying(Effect.Notify.class, n -> {
            assertThat(n.changes()).hasSize(2);
            assertThat(n.changes().get(0)).isInstanceOf(RoomChange.Left.class);
            assertThat(n.changes().get(1))
                    .isEqualTo(new RoomChange.Updated(room.host().orElseThrow()));
        });
        assertThat(focus.control(id, new MemberId("dialog-bob"), new Control.Lock(true))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void withTheClosePolicyTheHostLeavingClosesTheRoom() {
        focus = new Focus(HostLeavePolicy.CLOSE, sequence(123456));
        RoomId id = meetingOfAliceBobCarol();

        Outcome outcome = focus.leave(id, new MemberId("dialog-alice"));

        assertThat(outcome.effects())
                .containsExactly(
                        new Effect.Bye(new MemberId("dialog-bob"), ByeReason.HOST_LEFT),
                        new Effect.Bye(new MemberId("dialog-carol"), ByeReason.HOST_LEFT),
                        new Effect.EndRoom(id));
        assertThat(focus.room(id)).isEmpty();
    }

    @Test
    void theLastOneOutEndsTheRoom() {
        RoomId id = focus.create(member("alice"), T0).orElseThrow();
        focus.join(id, member("bob"), T0);
        focus.leave(id, new MemberId("dialog-bob"));

        Outcome outcome = focus.leave(id, new MemberId("dialog-alice"));

        assertThat(outcome.effects()).containsExactly(new Effect.EndRoom(id));
        assertThat(focus.room(id)).isEmpty();
        assertThat(focus.leave(id, new MemberId("dialog-alice")).status()).isEqualTo(404);
    }

    @Test
    void hostKicksAMemberWithAByeAndTheListSaysSo() {
        RoomId id = meetingOfAliceBobCarol();

        Outcome outcome = focus.control(id, new MemberId("dialog-alice"), new Control.Kick("sip:bob@localhost"));

        assertThat(outcome.effects().get(0)).isEqualTo(new Effect.Bye(new MemberId("dialog-bob"), ByeReason.KICKED));
        assertThat(outcome.effects().get(1)).isInstanceOf(Effect.Notify.class);
        assertThat(names(focus.room(id).orElseThrow())).containsExactly("Alice:host", "Carol:participant");
        assertThat(focus.control(id, new MemberId("dialog-alice"), new Control.Kick("sip:nobody@localhost"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aParticipantCannotKickTheHostButTheHostCanKickThemselves() {
        RoomId id = meetingOfAliceBobCarol();

        assertThat(focus.control(id, new MemberId("dialog-bob"), new Control.Kick("sip:alice@localhost"))
                        .status())
                .isEqualTo(403);
        Outcome self = focus.control(id, new MemberId("dialog-alice"), new Control.Kick("sip:alice@localhost"));

        assertThat(self.effects().get(0)).isEqualTo(new Effect.Bye(new MemberId("dialog-alice"), ByeReason.KICKED));
        assertThat(names(focus.room(id).orElseThrow())).containsExactly("Bob:host", "Carol:participant");
    }

    @Test
    void muteReachesTheMixerAndTheMemberList() {
        RoomId id = meetingOfAliceBobCarol();

        Outcome outcome =
                focus.control(id, new MemberId("dialog-alice"), new Control.Mute("sip:carol@localhost", true));
        Outcome again = focus.control(id, new MemberId("dialog-alice"), new Control.Mute("sip:carol@localhost", true));

        assertThat(outcome.effects().get(0)).isEqualTo(new Effect.SetMute(new MemberId("dialog-carol"), true));
        assertThat(focus.room(id)
                        .flatMap(r -> r.member(new MemberId("dialog-carol")))
                        .map(Member::muted))
                .contains(true);
        assertThat(again.effects()).isEmpty();
    }

    @Test
    void starSixTogglesOwnMuteForAnyone() {
        RoomId id = meetingOfAliceBobCarol();
        MemberId bob = new MemberId("dialog-bob");

        focus.toggleSelfMute(id, bob);
        assertThat(focus.room(id).flatMap(r -> r.member(bob)).map(Member::muted))
                .contains(true);
        focus.toggleSelfMute(id, bob);
        assertThat(focus.room(id).flatMap(r -> r.member(bob)).map(Member::muted))
                .contains(false);
    }

    @Test
    void mediaChangesAreVersionedAndRepeatsAreNot() {
        RoomId id = meetingOfAliceBobCarol();
        MemberId bob = new MemberId("dialog-bob");
        List<MemberMedia> withSlides = List.of(
                new MemberMedia(MediaKind.AUDIO, OptionalLong.of(1), "1", Direction.SENDRECV),
                new MemberMedia(MediaKind.SLIDES, OptionalLong.of(2), "slides", Direction.SENDONLY));

        Outcome first = focus.updateMedia(id, bob, withSlides);
        Outcome repeat = focus.updateMedia(id, bob, withSlides);

        assertThat(first.effects())
                .singleElement()
                .isInstanceOfSatisfying(
                        Effect.Notify.class, n -> assertThat(n.version()).isEqualTo(4));
        assertThat(repeat.effects()).isEmpty();
    }

    /** Audio plus a slides stream the member sends on ({@code sharing}) or only receives. */
    static List<MemberMedia> slides(String name, boolean sharing) {
        return List.of(
                new MemberMedia(MediaKind.AUDIO, OptionalLong.of(name.hashCode() & 0xffffL), "1", Direction.SENDRECV),
                new MemberMedia(
                        MediaKind.SLIDES,
                        OptionalLong.of(name.hashCode() & 0xfffL),
                        "slides",
                        sharing ? Direction.SENDONLY : Direction.RECVONLY));
    }

    @Test
    void aSecondPresenterIsRefusedNamingTheOneWhoPresentsAndNothingChanges() {
        RoomId id = meetingOfAliceBobCarol();
        MemberId bob = new MemberId("dialog-bob");
        MemberId carol = new MemberId("dialog-carol");
        assertThat(focus.updateMedia(id, bob, slides("bob", true)).status()).isEqualTo(200);
        RoomState before = focus.room(id).orElseThrow();

        Outcome second = focus.updateMedia(id, carol, slides("carol", true));

        assertThat(second.status()).isEqualTo(403);
        assertThat(second.reason()).isEqualTo("Bob is already presenting");
        assertThat(second.effects()).isEmpty();
        assertThat(focus.room(id)).contains(before);
        assertThat(before.presenter().map(Member::displayName)).contains("Bob");
    }

    @Test
    void receivingSlidesOrChangingOtherMediaIsNotPresenting() {
        RoomId id = meetingOfAliceBobCarol();
        MemberId bob = new MemberId("dialog-bob");
        MemberId carol = new MemberId("dialog-carol");
        focus.updateMedia(id, bob, slides("bob", true));

        // Carol may add a receive-only slides stream, and Bob may change his own media while he presents.
        assertThat(focus.updateMedia(id, carol, slides("carol", false)).status())
                .isEqualTo(200);
        List<MemberMedia> bobWithVideo = new ArrayList<>(slides("bob", true));
        bobWithVideo.add(new MemberMedia(MediaKind.VIDEO, OptionalLong.of(9), "2", Direction.SENDRECV));
        assertThat(focus.updateMedia(id, bob, bobWithVideo).status()).isEqualTo(200);
        assertThat(focus.room(id).flatMap(RoomState::presenter).map(Member::id)).contains(bob);
    }

    @Test
    void thePresenterStoppingOrLeavingFreesTheFloor() {
        RoomId id = meetingOfAliceBobCarol();
        MemberId bob = new MemberId("dialog-bob");
        MemberId carol = new MemberId("dialog-carol");
        MemberId alice = new MemberId("dialog-alice");
        focus.updateMedia(id, bob, slides("bob", true));

        Outcome stopped = focus.updateMedia(id, bob, slides("bob", false));
        Outcome carolPresents = focus.updateMedia(id, carol, slides("carol", true));
        assertThat(focus.updateMedia(id, alice, slides("alice", true)).reason())
                .isEqualTo("Carol is already presenting");
        focus.leave(id, carol);
        Outcome alicePresents = focus.updateMedia(id, alice, slides("alice", true));

        assertThat(stopped.effects())
                .singleElement()
                .isInstanceOfSatisfying(
                        Effect.Notify.class,
                        n -> assertThat(n.changes())
                                .singleElement()
                                .isInstanceOfSatisfying(
                                        RoomChange.Updated.class,
                                        u -> assertThat(u.member().media()).isEqualTo(slides("bob", false))));
        assertThat(carolPresents.status()).isEqualTo(200);
        assertThat(alicePresents.status()).isEqualTo(200);
        assertThat(focus.room(id).flatMap(RoomState::presenter).map(Member::displayName))
                .contains("Alice");
    }

    @Test
    void joiningWhileSendingSlidesIsRefusedWhileAnotherPresents() {
        RoomId id = meetingOfAliceBobCarol();
        focus.updateMedia(id, new MemberId("dialog-bob"), slides("bob", true));
        assertThat(focus.join(id, member("dave", slides("dave", true)), T0).reason())
                .isEqualTo("Bob is already presenting");
        assertThat(focus.join(id, member("erin", slides("erin", false)), T0).status())
                .isEqualTo(200);
        assertThat(names(focus.room(id).orElseThrow())).doesNotContain("Dave:participant");
    }

    @Test
    void concurrentJoinsToOneRoomAllGetInWithDistinctVersions() throws Exception {
        RoomId id = focus.create(member("host"), T0).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                List<Integer> versions = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    Outcome o = focus.join(id, member("user" + thread + "x" + i), T0);
                    versions.add(((Effect.Notify) o.effects().get(0)).version());
                }
                return versions;
            }));
        }
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> f : results) {
            all.addAll(f.get(10, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(focus.room(id).orElseThrow().members()).hasSize(401);
        assertThat(all).doesNotHaveDuplicates().hasSize(400);
        assertThat(focus.room(id).map(RoomState::version)).isEqualTo(Optional.of(401));
    }
}
