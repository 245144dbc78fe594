package dev.parley.sdp.negotiation;

import dev.parley.sdp.Direction;
import java.util.List;
import java.util.Optional;

/**
 * Parley's named profiles. {@code softphone-audio}: what any SIP phone can do with Parley;
 * {@code desktop}: the Parley agent (audio, camera, slides, remote control); {@code mixer}:
 * what the mixer takes and gives; {@code remote-controller}: the agent asking to control another's
 * desktop (its screen in, input out).
 */
public final class Profiles {
    private Profiles() {}

    private static final List<String> RTP = List.of("RTP/AVP", "RTP/AVPF");
    private static final List<String> VIDEO_FEEDBACK = List.of("nack", "nack pli", "ccm fir");
    private static final String DTMF_EVENTS = "0-15";

    static final CodecSpec PCMU = CodecSpec.of("PCMU", 8000, 1, 0, List.of());
    static final CodecSpec PCMA = CodecSpec.of("PCMA", 8000, 1, 8, List.of());
    static final CodecSpec G722 = CodecSpec.of("G722", 8000, 1, 9, List.of());
    static final CodecSpec OPUS = CodecSpec.of("opus", 48000, 2, 111, List.of(), "minptime", "10", "useinbandfec", "1");
    static final CodecSpec DTMF_8K = CodecSpec.telephoneEvent(8000, 101, DTMF_EVENTS);
    static final CodecSpec DTMF_48K = CodecSpec.telephoneEvent(48000, 110, DTMF_EVENTS);
    /** H.264 constrained baseline, level 3.1, non-interleaved mode (RFC 6184 §8.1). */
    static final CodecSpec H264 =
            CodecSpec.of("H264", 90000, 1, 96, VIDEO_FEEDBACK, "profile-level-id", "42e01f", "packetization-mode", "1");

    static final CodecSpec VP8 = CodecSpec.of("VP8", 90000, 1, 97, VIDEO_FEEDBACK);
    /** The remote-control input stream of draft-boyaci-avt-app-sharing. */
    static final CodecSpec HIP = CodecSpec.of("hip", 90000, 1, 100, List.of());

    private static StreamSpec audio(CodecSpec... codecs) {
        return new StreamSpec(MediaKind.AUDIO, RTP, List.of(codecs), Direction.SENDRECV, true, 20, List.of());
    }

    private static StreamSpec video(MediaKind kind) {
        return new StreamSpec(kind, RTP, List.of(H264, VP8), Direction.SENDRECV, true, 0, List.of());
    }

    public static final Profile SOFTPHONE_AUDIO =
            new Profile("softphone-audio", List.of(audio(PCMU, PCMA, G722, OPUS, DTMF_8K, DTMF_48K)));

    public static final Profile DESKTOP = new Profile(
            "desktop",
            List.of(
                    audio(OPUS, G722, PCMU, PCMA, DTMF_48K, DTMF_8K),
                    video(MediaKind.VIDEO),
                    video(MediaKind.SLIDES),
                    new StreamSpec(
                            MediaKind.REMOTE_CONTROL,
                            List.of("TCP/RTP/AVP"),
                            List.of(HIP),
                            Direction.SENDRECV,
                            false,
                            0,
                            List.of())));

    /**
     * The controller's side of a remote-control session (DESIGN.md "Remote desktop control"): it
     * receives the controlled screen as slides and sends the HIP input stream over TCP, connecting
     * itself ({@code a=setup:active}, RFC 4145). The controlled agent answers with {@link #DESKTOP}.
     */
    public static final Profile REMOTE_CONTROLLER = new Profile(
            "remote-controller",
            List.of(
                    new StreamSpec(MediaKind.SLIDES, RTP, List.of(H264, VP8), Direction.RECVONLY, true, 0, List.of()),
                    new StreamSpec(
                            MediaKind.REMOTE_CONTROL,
                            List.of("TCP/RTP/AVP"),
                            List.of(HIP),
                            Direction.SENDONLY,
                            false,
                            0,
                            List.of())));

    public static final Profile MIXER = new Profile(
            "mixer",
            List.of(audio(PCMU, PCMA, G722, OPUS, DTMF_8K, DTMF_48K), video(MediaKind.VIDEO), video(MediaKind.SLIDES)));

    public static List<Profile> all() {
        return List.of(SOFTPHONE_AUDIO, DESKTOP, MIXER, REMOTE_CONTROLLER);
    }

    public static Optional<Profile> byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
