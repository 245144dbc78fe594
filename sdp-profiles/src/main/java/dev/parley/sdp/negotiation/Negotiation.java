package dev.parley.sdp.negotiation;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.Connection;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The answerer's decision on a whole offer, one {@link StreamNegotiation} per offered media
 * section in offer order. {@link #answer} writes the RFC 3264 §6 answer: the same number of
 * media sections, rejected ones with port 0.
 */
public record Negotiation(SessionDescription offer, Profile profile, List<StreamNegotiation> streams) {
    public Negotiation {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(profile, "profile");
        streams = List.copyOf(streams);
    }

    /** True when at least one stream was accepted; otherwise SIP answers 488. */
    public boolean anyAccepted() {
        return streams.stream().anyMatch(StreamNegotiation::accepted);
    }

    /** The accepted streams, in offer order. */
    public List<StreamNegotiation> accepted() {
        return streams.stream().filter(StreamNegotiation::accepted).toList();
    }

    /**
     * Why each stream was refused, in plain words for a {@code Warning} header, e.g.
     * {@code audio: no common codec (offered GSM/8000, G729/8000; mixer takes PCMU, PCMA, …)}.
     */
    public String refusalSummary() {
        List<String> parts = new ArrayList<>();
        for (StreamNegotiation s : streams) {
            s.rejection().ifPresent(r -> parts.add(describe(s, r)));
        }
        return String.join("; ", parts);
    }

    private String describe(StreamNegotiation s, Rejection r) {
        MediaDescription m = s.offered();
        String head = m.media() + " " + m.protocol() + ": " + r.text();
        if (r != Rejection.NO_COMMON_CODEC) {
            return head;
        }
        String offered = m.formats().stream()
                .map(pt -> m.rtpMap(pt)
                        .map(x -> x.encoding() + "/" + x.clockRate())
                        .orElse(pt))
                .collect(Collectors.joining(", "));
        String ours = s.kind()
                .flatMap(profile::stream)
                .map(spec -> spec.codecs().stream()
                        .filter(c -> !c.isTelephoneEvent())
                        .map(CodecSpec::encoding)
                        .distinct()
                        .collect(Collectors.joining(", ")))
                .orElse("");
        return head + " (offered " + offered + "; " + profile.name() + " takes " + ours + ")";
    }

    /** Writes the answer; every accepted stream needs its {@link LocalStream} in the params. */
    public SessionDescription answer(AnswerParams params) {
        List<MediaDescription> media = new ArrayList<>(streams.size());
        for (StreamNegotiation s : streams) {
            if (!s.accepted()) {
                media.add(rejected(s.offered()));
                continue;
            }
            LocalStream local = params.streams().get(s.index());
            if (local == null) {
                throw new IllegalArgumentException("no local port for accepted stream " + s.index());
            }
            media.add(AnswerSection.write(s, local));
        }
        return SessionDescription.of(
                params.origin(), params.sessionName(), Connection.of(params.address()), List.of(), media);
    }

    /** RFC 3264 §6: port 0, the offered formats, and the {@code mid} so bundles stay aligned. */
    private static MediaDescription rejected(MediaDescription offered) {
        List<Attribute> attrs = offered.attribute("mid")
                .map(mid -> List.of(Attribute.of("mid", mid)))
                .orElse(List.of());
        return MediaDescription.of(offered.media(), 0, offered.protocol(), offered.formats(), attrs);
    }
}
