package dev.parley.mixer.engine;

import dev.parley.media.dtmf.DigitDetector;
import dev.parley.mixer.audio.AudioCodec;
import dev.parley.mixer.audio.OpusCodecs;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One conference's media state: its endpoints, the per-packet path and the 20 ms mix. A plain
 * class with no sockets or clock of its own; the owning worker hands it packets and ticks on its
 * one thread, so nothing here is locked. {@link #close} when the conference goes frees its
 * endpoints' codecs.
 */
public final class Conference implements AutoCloseable {
    /** An RFC 4733 event with no packet for this long has ended (§2.5.2.2). */
    static final long DTMF_TIMEOUT_NANOS = 500_000_000L;

    private final String id;
    private final MediaCounters counters;
    private final RandomGenerator random;
    private final DtmfListener dtmf;
    private final OpusCodecs opus;
    private final Map<String, EndpointState> byId = new LinkedHashMap<>();
    private EndpointState[] endpoints = new EndpointState[0];
    private int mixRate = AudioCodec.NARROWBAND;
    private final ReceivePath receive;
    private final AudioTick audio;
    private final LegReports reports;
    private final ActiveSpeaker speaker = new ActiveSpeaker();

    /**
     * @param id the conference id
     * @param counters the owning worker's counters
     * @param dtmf told of each key press
     * @param random source of the mixer's SSRCs, sequence numbers and timestamps (RFC 3550 §5.1
     *     wants them random)
     * @param opus the Opus its endpoints get (libopus or concentus)
     */
    public Conference(String id, MediaCounters counters, DtmfListener dtmf, RandomGenerator random, OpusCodecs opus) {
        EndpointSpec.requireId(id, "conference id");
        this.opus = opus;
        this.id = id;
        this.counters = counters;
        this.random = random;
        this.dtmf = dtmf;
        this.receive = new ReceivePath(counters);
        this.audio = new AudioTick(counters);
        this.reports = new LegReports(counters, random);
    }

    /** The same, with the Opus {@link OpusCodecs.Choice#AUTO} picks (libopus where it loads). */
    public Conference(String id, MediaCounters counters, DtmfListener dtmf, RandomGenerator random) {
        this(id, counters, dtmf, random, OpusCodecs.of(OpusCodecs.Choice.AUTO));
    }

    public String id() {
        return id;
    }

    /** Adds an endpoint, or replaces the one with the same id (the focus re-creates after restarts). */
    public EndpointState add(EndpointSpec spec, EndpointTransport transport) {
        String endpointId = spec.id();
        DigitDetector digits = new DigitDetector(
                digit -> {
                    counters.add(MediaCounters.Count.DTMF_EVENTS);
                    dtmf.onDtmf(id, endpointId, digit.symbol(), (int) (digit.duration() * 1000L / 8000));
                },
                DTMF_TIMEOUT_NANOS);
        EndpointState state = new EndpointState(
                spec,
                transport,
                digits,
                random.nextLong() & 0xFFFF_FFFFL,
                random.nextInt(1 << 16),
                random.nextLong() & 0xFFFF_FFFFL,
                mixRate,
                opus);
        EndpointState replaced = byId.put(spec.id(), state);
        if (replaced != null) {
            replaced.close();
        }
        rebuild();
        showSpeaker();
        return state;
    }

    /** Applies a new spec to an existing endpoint; empty when there is none with that id. */
    public Optional<EndpointState> update(EndpointSpec spec) {
        EndpointState state = byId.get(spec.id());
        if (state == null) {
            return Optional.empty();
        }
        state.update(spec);
        rebuild();
        showSpeaker();
        return Optional.of(state);
    }

    public Optional<EndpointState> remove(String endpointId) {
        EndpointState removed = byId.remove(endpointId);
        if (removed != null) {
            removed.close();
        }
        rebuild();
        if (removed != null
                && byId.values().stream()
                        .noneMatch(e ->
                                e.spec().participant().equals(removed.spec().participant()))) {
            speaker.forget(removed.spec().participant());
            showSpeaker();
        }
        return Optional.ofNullable(removed);
    }

    public Optional<EndpointState> endpoint(String endpointId) {
        return Optional.ofNullable(byId.get(endpointId));
    }

    public List<EndpointState> endpoints() {
        return List.copyOf(new ArrayList<>(byId.values()));
    }

    public int size() {
        return endpoints.length;
    }

    /**
     * One datagram that arrived on an endpoint's RTP port ({@code rtcpPort} false) or RTCP port.
     * Never throws on bad input: every refusal is counted.
     */
    public void onDatagram(
            EndpointState from,
            boolean rtcpPort,
            byte[] buf,
            int off,
            int len,
            InetSocketAddress source,
            long nowNanos) {
        receive.onDatagram(endpoints, from, rtcpPort, buf, off, len, source, nowNanos);
    }

    /**
     * The 20 ms mix: every audio endpoint gets the others' audio in its own codec, and the SR of
     * its leg when one is due.
     *
     * @param ntpNow the wallclock as a 64-bit NTP timestamp (RFC 3550 §4), for SRs
     */
    public void tick(long nowNanos, long ntpNow) {
        audio.run(endpoints, mixRate, nowNanos);
        speaker.begin();
        for (EndpointState e : endpoints) {
            if (e.spec().kind() == MediaKind.AUDIO) {
                speaker.level(e.spec().participant(), e.audioLevel);
            }
        }
        if (speaker.end()) {
            showSpeaker();
        }
        for (EndpointState e : endpoints) {
            if (e.spec().kind() == MediaKind.AUDIO && e.spec().direction().endpointReceives()) {
                reports.maybeSend(e, nowNanos, ntpNow);
            }
        }
    }

    /** Points every active-speaker video endpoint at whom it should show now. */
    private void showSpeaker() {
        for (EndpointState e : endpoints) {
            if (e.rewriter != null) {
                e.shown = speaker.shownTo(e.spec().participant()).orElse(null);
            }
        }
    }

    /** The dominant speaker (participant id), once anyone has spoken. */
    public Optional<String> activeSpeaker() {
        return speaker.current();
    }

    /**
     * The rate the room mixes at: 16 kHz when any audio endpoint has a wideband format (G.722,
     * Opus), so they hear each other in wideband; otherwise 8 kHz, which costs half as much.
     */
    public int mixRate() {
        return mixRate;
    }

    /**
     * Endpoints that should be sending (sendrecv, sendonly) but from which nothing valid, RTP or
     * RTCP, has come for {@code timeoutNanos} since they were added, last heard or taken off
     * hold; each silence is returned once. Held (recvonly, inactive) endpoints are not timed.
     */
    public List<EndpointState> newlySilent(long nowNanos, long timeoutNanos) {
        List<EndpointState> silent = List.of();
        for (EndpointState e : endpoints) {
            if (!e.spec().direction().endpointSends()) {
                e.lastHeardNanos = EndpointState.UNHEARD;
                continue;
            }
            if (e.lastHeardNanos == EndpointState.UNHEARD) {
                e.lastHeardNanos = nowNanos;
            } else if (!e.silenceReported && nowNanos - e.lastHeardNanos >= timeoutNanos) {
                e.silenceReported = true;
                if (silent.isEmpty()) {
                    silent = new ArrayList<>();
                }
                silent.add(e);
            }
        }
        return silent;
    }

    /** How long the endpoint has been silent at {@code nowNanos}, in milliseconds. */
    public static long silentMillis(EndpointState e, long nowNanos) {
        return e.lastHeardNanos == EndpointState.UNHEARD ? 0 : (nowNanos - e.lastHeardNanos) / 1_000_000;
    }

    private void rebuild() {
        endpoints = byId.values().toArray(new EndpointState[0]);
        int rate = AudioCodec.NARROWBAND;
        for (EndpointState e : endpoints) {
            if (e.spec().kind() == MediaKind.AUDIO && AudioLeg.wideband(e.spec())) {
                rate = AudioCodec.WIDEBAND;
            }
        }
        mixRate = rate;
        for (EndpointState e : endpoints) {
            e.mixRate(rate);
        }
    }

    /** Frees every endpoint's codecs (native libopus state): the conference is gone. */
    @Override
    public void close() {
        for (EndpointState e : byId.values()) {
            e.close();
        }
        byId.clear();
        rebuild();
    }

    MediaCounters counters() {
        return counters;
    }
}
