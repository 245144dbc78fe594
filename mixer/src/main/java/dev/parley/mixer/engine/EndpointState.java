package dev.parley.mixer.engine;

import dev.parley.media.dtmf.DigitDetector;
import dev.parley.media.rtp.StreamRewriter;
import dev.parley.media.stats.ReceiverStatistics;
import dev.parley.mixer.audio.AudioCodec;
import dev.parley.mixer.audio.OpusCodecs;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the packet path keeps about one endpoint: its spec, the latched addresses, a payload
 * type table, and for audio its {@link AudioLeg} and outgoing RTP state. Owned by one worker
 * thread; {@link #close} frees the audio codecs' native state when the endpoint goes.
 */
public final class EndpointState implements AutoCloseable {
    private final EndpointTransport transport;
    private final OpusCodecs opus;
    private final long outSsrc;
    private EndpointSpec spec;
    private RemoteLatch rtpLatch;
    private RemoteLatch rtcpLatch;
    private final PayloadFormat[] formatByType = new PayloadFormat[128];
    private final long[] ssrcs;
    private int ssrcCount;
    private final long[] sentSsrcs = new long[8];
    private int sentCount;

    /** The audio pipeline at the conference's mix rate; null for video and slides. */
    @Nullable
    private AudioLeg audio;

    final DigitDetector digits;

    /**
     * For an active-speaker video endpoint: the one continuous stream it gets (its SSRC is
     * {@link #outSsrc}) and whose video it shows; null otherwise.
     */
    @Nullable
    StreamRewriter rewriter;

    @Nullable
    String shown;
    /** The leg's RTCP state (RFC 3550 §6.4.1): when the next SR is due and what it counts. */
    long nextReportNanos;

    long packetsSent;
    long octetsSent;
    /** What the mixer receives on this leg, for the SR's report block; null before the first packet. */
    @Nullable
    ReceiverStatistics receiveStats;

    long receiveSsrc = -1;
    /** When a datagram from the endpoint last passed the source check; {@link #UNHEARD} before. */
    long lastHeardNanos = UNHEARD;
    /** Whether the current silence was reported already. */
    boolean silenceReported;

    int audioLevel = dev.parley.media.level.AudioLevel.SILENCE;
    int outSequence;
    long outTimestamp;

    static final long UNHEARD = Long.MIN_VALUE;

    EndpointState(
            EndpointSpec spec,
            EndpointTransport transport,
            DigitDetector digits,
            long outSsrc,
            int firstSequence,
            long firstTimestamp,
            int mixRate,
            OpusCodecs opus) {
        this.transport = transport;
        this.opus = opus;
        this.digits = digits;
        this.outSsrc = outSsrc;
        this.outSequence = firstSequence;
        this.outTimestamp = firstTimestamp;
        this.ssrcs = new long[16];
        this.spec = spec;
        this.rtpLatch = new RemoteLatch(spec.remoteRtp());
        this.rtcpLatch = new RemoteLatch(rtcpSignalled(spec));
        apply(spec);
        this.audio = spec.kind() == MediaKind.AUDIO ? new AudioLeg(spec, mixRate, opus) : null;
        this.rewriter = rewriterFor(spec, outSsrc);
    }

    private static @Nullable StreamRewriter rewriterFor(EndpointSpec spec, long ssrc) {
        return spec.kind() == MediaKind.VIDEO && spec.activeSpeaker()
                ? new StreamRewriter(ssrc, spec.sendFormat().clockRate())
                : null;
    }

    /**
     * Replaces the spec; the latches restart only when the signalled addresses changed, and then
     * never latch the address they had latched before (a late packet from the old port).
     */
    void update(EndpointSpec next) {
        if (!next.remoteRtp().equals(spec.remoteRtp())) {
            if (rtpLatch.latched()) {
                transport.unlatched(false);
            }
            rtpLatch = new RemoteLatch(next.remoteRtp(), rtpLatch.latchedTarget());
        }
        if (!rtcpSignalled(next).equals(rtcpSignalled(spec))) {
            if (rtcpLatch.latched() && !spec.rtcpMux()) {
                transport.unlatched(true);
            }
            rtcpLatch = new RemoteLatch(rtcpSignalled(next), rtcpLatch.latchedTarget());
        }
        boolean formatsChanged = !next.formats().equals(spec.formats()) || next.kind() != spec.kind();
        if (next.direction().endpointSends() && !spec.direction().endpointSends()) {
            // Off hold: the endpoint gets a whole timeout to start sending again.
            lastHeardNanos = UNHEARD;
        }
        spec = next;
        apply(next);
        if (formatsChanged) {
            int rate = mixRate();
            close();
            audio = next.kind() == MediaKind.AUDIO ? new AudioLeg(next, rate, opus) : null;
        }
        if ((rewriter == null) == (next.kind() == MediaKind.VIDEO && next.activeSpeaker())) {
            rewriter = rewriterFor(next, outSsrc);
            shown = null;
        }
    }

    /** Moves the audio to a new mix rate: new resamplers and an empty jitter buffer. */
    void mixRate(int rate) {
        AudioLeg leg = audio;
        if (leg != null && leg.mixRate != rate) {
            leg.close();
            audio = new AudioLeg(spec, rate, opus);
        }
    }

    /** Frees the audio leg's codecs (native libopus state); an endpoint is closed when it leaves. */
    @Override
    public void close() {
        AudioLeg leg = audio;
        if (leg != null) {
            leg.close();
        }
    }

    private int mixRate() {
        AudioLeg leg = audio;
        return leg == null ? AudioCodec.NARROWBAND : leg.mixRate;
    }

    /** The audio pipeline; null when the endpoint is not audio. */
    @Nullable
    AudioLeg audio() {
        return audio;
    }

    private void apply(EndpointSpec next) {
        java.util.Arrays.fill(formatByType, null);
        for (PayloadFormat f : next.formats()) {
            formatByType[f.payloadType()] = f;
        }
        ssrcCount = 0;
        for (long s : next.ssrcs()) {
            if (ssrcCount < ssrcs.length) {
                ssrcs[ssrcCount++] = s;
            }
        }
    }

    /** RFC 3605 absent: RTCP goes to the RTP port + 1 (RFC 3550 §11), or to the RTP port under mux. */
    private static Optional<InetSocketAddress> rtcpSignalled(EndpointSpec s) {
        if (s.rtcpMux()) {
            return Optional.empty();
        }
        if (s.remoteRtcp().isPresent()) {
            return s.remoteRtcp();
        }
        return s.remoteRtp().map(a -> new InetSocketAddress(a.getAddress(), a.getPort() + 1));
    }

    public EndpointSpec spec() {
        return spec;
    }

    public String id() {
        return spec.id();
    }

    /** The SSRC the mixer uses for the audio it sends this endpoint. */
    public long outSsrc() {
        return outSsrc;
    }

    @Nullable
    PayloadFormat format(int payloadType) {
        return formatByType[payloadType];
    }

    /** True when the endpoint announced no SSRCs or announced this one. */
    boolean ssrcAllowed(long ssrc) {
        if (ssrcCount == 0) {
            return true;
        }
        for (int i = 0; i < ssrcCount; i++) {
            if (ssrcs[i] == ssrc) {
                return true;
            }
        }
        return false;
    }

    /** Remembers an SSRC this endpoint sent, so feedback about it can find its way back. */
    void noteSentSsrc(long ssrc) {
        if (sentSsrc(ssrc)) {
            return;
        }
        sentSsrcs[sentCount % sentSsrcs.length] = ssrc;
        sentCount++;
    }

    /** True when this endpoint sent RTP with this SSRC (among the last eight it used). */
    boolean sentSsrc(long ssrc) {
        int n = Math.min(sentCount, sentSsrcs.length);
        for (int i = 0; i < n; i++) {
            if (sentSsrcs[i] == ssrc) {
                return true;
            }
        }
        return false;
    }

    /** The symmetric-RTP source check; the first accepted source latches and the transport hears of it. */
    boolean acceptSource(boolean rtcpPort, InetSocketAddress source) {
        boolean ownRtcpPort = rtcpPort && !spec.rtcpMux();
        RemoteLatch latch = ownRtcpPort ? rtcpLatch : rtpLatch;
        if (latch.latched()) {
            return latch.accept(source);
        }
        if (!latch.accept(source)) {
            return false;
        }
        transport.latched(ownRtcpPort, source);
        return true;
    }

    /** Sends RTP to the endpoint's latched or signalled address; the reason when it could not. */
    Optional<MixerDrop> sendRtp(byte[] buf, int off, int len) {
        return send(false, rtpLatch.target(), buf, off, len);
    }

    /** Sends RTCP to the endpoint's RTCP address (its RTP address under rtcp-mux). */
    Optional<MixerDrop> sendRtcp(byte[] buf, int off, int len) {
        boolean mux = spec.rtcpMux();
        return send(!mux, mux ? rtpLatch.target() : rtcpLatch.target(), buf, off, len);
    }

    private Optional<MixerDrop> send(boolean rtcpPort, Optional<InetSocketAddress> to, byte[] buf, int off, int len) {
        if (to.isEmpty()) {
            return Optional.of(MixerDrop.TARGET_ADDRESS_UNKNOWN);
        }
        return transport.send(rtcpPort, buf, off, len, to.get())
                ? Optional.empty()
                : Optional.of(MixerDrop.SEND_FAILED);
    }

    /** The RFC 6464 level of what this endpoint contributed to the last mix (127: nothing). */
    public int audioLevel() {
        return audioLevel;
    }

    /** Where RTP for this endpoint goes now, if known. */
    public Optional<InetSocketAddress> rtpTarget() {
        return rtpLatch.target();
    }
}
