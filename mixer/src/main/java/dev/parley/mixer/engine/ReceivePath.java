package dev.parley.mixer.engine;

import dev.parley.media.Bytes;
import dev.parley.media.DropReason;
import dev.parley.media.dtmf.TelephoneEvent;
import dev.parley.media.rtcp.Pli;
import dev.parley.media.rtcp.RtcpCompound;
import dev.parley.media.rtcp.RtcpCursor;
import dev.parley.media.rtcp.RtcpFeedback;
import dev.parley.media.rtcp.RtcpHeader;
import dev.parley.media.rtcp.RtcpMuxDemux;
import dev.parley.media.rtcp.SenderReport;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.rtp.RtpHeaderWriter;
import dev.parley.media.rtp.StreamRewriter;
import dev.parley.media.stats.ReceiverStatistics;
import dev.parley.mixer.audio.AudioCodec;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The path of one datagram through a conference, in order: demux RTP from RTCP (RFC 5761 §4),
 * validate (RFC 3550 §A.1, §A.2), symmetric-RTP source check, direction and SSRC checks, payload
 * type lookup, then either forward (video, slides) or decode into the jitter buffer (audio).
 * RTCP feedback (NACK, PLI, FIR; RFC 4585 §6, RFC 5104 §4.3) goes to the sender of the media SSRC
 * it names. Every refusal is a counted drop; nothing here throws on bad input.
 */
final class ReceivePath {
    private final MediaCounters counters;
    /** Scratch for decoded audio and for it at the mix rate: 120 ms at 16 kHz and more. */
    private final short[] decoded = new short[AudioLeg.MAX_DECODED + 1];

    private final short[] mixed = new short[AudioLeg.MAX_DECODED * 2 + 1];

    private final RtcpCursor cursor = new RtcpCursor();
    /** A forwarded packet rewritten for one active-speaker receiver. */
    private final byte[] rewritten = new byte[2048];

    private final byte[] pli = new byte[Pli.SIZE];

    ReceivePath(MediaCounters counters) {
        this.counters = counters;
    }

    void onDatagram(
            EndpointState[] all,
            EndpointState from,
            boolean rtcpPort,
            byte[] buf,
            int off,
            int len,
            InetSocketAddress source,
            long nowNanos) {
        counters.add(MediaCounters.Count.PACKETS_IN);
        RtcpMuxDemux.Kind kind = RtcpMuxDemux.classify(buf, off, len);
        if (kind == RtcpMuxDemux.Kind.OTHER) {
            if (len >= 1 && (buf[off] & 0xC0) == 0x80) {
                counters.drop(DropReason.RTP_TOO_SHORT);
            } else {
                counters.drop(MixerDrop.NOT_RTP);
            }
            return;
        }
        boolean rtcp =
                rtcpPort || (kind == RtcpMuxDemux.Kind.RTCP && from.spec().rtcpMux());
        if (rtcp) {
            onRtcp(all, from, rtcpPort, buf, off, len, source, nowNanos);
        } else {
            onRtp(all, from, buf, off, len, source, nowNanos);
        }
    }

    private void onRtp(
            EndpointState[] all,
            EndpointState from,
            byte[] buf,
            int off,
            int len,
            InetSocketAddress source,
            long nowNanos) {
        DropReason invalid = RtpHeader.validate(buf, off, len);
        if (invalid != DropReason.NONE) {
            counters.drop(invalid);
            return;
        }
        if (!from.acceptSource(false, source)) {
            counters.drop(MixerDrop.UNEXPECTED_SOURCE);
            return;
        }
        heard(from, nowNanos);
        EndpointSpec spec = from.spec();
        if (!spec.direction().endpointSends()) {
            counters.drop(MixerDrop.ENDPOINT_NOT_SENDING);
            return;
        }
        long ssrc = RtpHeader.ssrc(buf, off);
        if (!from.ssrcAllowed(ssrc)) {
            counters.drop(MixerDrop.UNKNOWN_SSRC);
            return;
        }
        int payloadType = RtpHeader.payloadType(buf, off);
        PayloadFormat format = from.format(payloadType);
        if (format == null) {
            counters.drop(MixerDrop.UNKNOWN_PAYLOAD_TYPE);
            return;
        }
        if (spec.kind().forwarded()) {
            from.noteSentSsrc(ssrc);
            forward(all, from, format, buf, off, len, nowNanos);
        } else {
            onAudio(from, format, buf, off, len, nowNanos);
        }
    }

    /**
     * Video and slides: to every other participant's endpoint of the same kind, SSRC kept. The
     * buffer is left as it came.
     */
    private void forward(
            EndpointState[] all,
            EndpointState from,
            PayloadFormat format,
            byte[] buf,
            int off,
            int len,
            long nowNanos) {
        EndpointSpec spec = from.spec();
        for (EndpointState to : all) {
            EndpointSpec target = to.spec();
            if (to == from
                    || target.kind() != spec.kind()
                    || target.participant().equals(spec.participant())
                    || !target.direction().endpointReceives()) {
                continue;
            }
            int payloadType = format.payloadType();
            if (to.format(payloadType) != format) {
                payloadType = target.payloadTypeFor(format);
                if (payloadType < 0) {
                    counters.drop(MixerDrop.NO_COMMON_FORMAT);
                    continue;
                }
            }
            if (to.rewriter != null) {
                if (spec.participant().equals(to.shown)) {
                    forwardAsSpeaker(from, to, payloadType, buf, off, len, nowNanos);
                }
                continue;
            }
            // The only rewrite: the receiver's payload type for the same codec (RFC 3550 §7.2).
            RtpHeaderWriter.setPayloadType(buf, off, payloadType);
            Optional<MixerDrop> failed = to.sendRtp(buf, off, len);
            if (failed.isPresent()) {
                counters.drop(failed.get());
            } else {
                counters.add(MediaCounters.Count.RTP_OUT);
            }
        }
        RtpHeaderWriter.setPayloadType(buf, off, format.payloadType());
    }

    /**
     * To an endpoint that takes one video: the shown speaker's packet, copied and rewritten into
     * its one continuous stream. The first packet of a new source asks that source for a key
     * frame (PLI, RFC 4585 §6.3.1), since the receiver's decoder cannot start mid-GOP.
     */
    private void forwardAsSpeaker(
            EndpointState from, EndpointState to, int payloadType, byte[] buf, int off, int len, long nowNanos) {
        StreamRewriter rewriter = to.rewriter;
        if (rewriter == null || len > rewritten.length) {
            return;
        }
        long ssrc = RtpHeader.ssrc(buf, off);
        if (rewriter.selected() != ssrc) {
            rewriter.select(ssrc);
            askKeyFrame(from, to.outSsrc(), ssrc);
        }
        System.arraycopy(buf, off, rewritten, 0, len);
        RtpHeaderWriter.setPayloadType(rewritten, 0, payloadType);
        if (!rewriter.rewrite(rewritten, 0, nowNanos)) {
            return;
        }
        Optional<MixerDrop> failed = to.sendRtp(rewritten, 0, len);
        if (failed.isPresent()) {
            counters.drop(failed.get());
        } else {
            counters.add(MediaCounters.Count.RTP_OUT);
        }
    }

    /** A PLI from the mixer (as {@code senderSsrc}) to the endpoint sending {@code mediaSsrc}. */
    private void askKeyFrame(EndpointState sender, long senderSsrc, long mediaSsrc) {
        Pli.write(pli, 0, senderSsrc, mediaSsrc);
        Optional<MixerDrop> failed = sender.sendRtcp(pli, 0, Pli.SIZE);
        if (failed.isPresent()) {
            counters.drop(failed.get());
        } else {
            counters.add(MediaCounters.Count.RTCP_OUT);
        }
    }

    private void onAudio(EndpointState from, PayloadFormat format, byte[] buf, int off, int len, long nowNanos) {
        int payload = RtpHeader.payloadOffset(buf, off);
        int payloadLength = RtpHeader.payloadLength(buf, off, len);
        long timestamp = RtpHeader.timestamp(buf, off);
        long ssrc = RtpHeader.ssrc(buf, off);
        ReceiverStatistics stats = from.receiveStats;
        if (stats == null || from.receiveSsrc != ssrc) {
            stats = new ReceiverStatistics(ssrc, format.clockRate());
            from.receiveStats = stats;
            from.receiveSsrc = ssrc;
        }
        stats.onPacket(RtpHeader.sequenceNumber(buf, off), timestamp, nowNanos);
        if (format.isTelephoneEvent()) {
            DropReason bad = TelephoneEvent.validate(payloadLength);
            if (bad != DropReason.NONE) {
                counters.drop(bad);
            } else {
                from.digits.onPacket(timestamp, buf, payload, nowNanos);
            }
            return;
        }
        if (from.spec().muted()) {
            counters.drop(MixerDrop.MUTED);
            return;
        }
        AudioLeg leg = from.audio();
        AudioCodec codec = leg == null ? null : leg.decoder(format.payloadType());
        if (leg == null || codec == null) {
            counters.drop(MixerDrop.UNSUPPORTED_CODEC);
            return;
        }
        leg.receive(
                codec,
                format.payloadType(),
                buf,
                payload,
                payloadLength,
                RtpHeader.sequenceNumber(buf, off),
                timestamp,
                nowNanos,
                decoded,
                mixed,
                counters);
    }

    private void onRtcp(
            EndpointState[] all,
            EndpointState from,
            boolean rtcpPort,
            byte[] buf,
            int off,
            int len,
            InetSocketAddress source,
            long nowNanos) {
        // Reduced-size RTCP (RFC 5506) may start with a feedback packet, so accept that shape too.
        DropReason invalid = RtcpCompound.validateReducedSize(buf, off, len);
        if (invalid != DropReason.NONE) {
            counters.drop(invalid);
            return;
        }
        if (!from.acceptSource(rtcpPort, source)) {
            counters.drop(MixerDrop.UNEXPECTED_SOURCE);
            return;
        }
        heard(from, nowNanos);
        EndpointState relayedTo = null;
        cursor.reset(buf, off, len);
        while (cursor.next()) {
            int type = cursor.packetType();
            ReceiverStatistics stats = from.receiveStats;
            if (type == RtcpHeader.SR
                    && stats != null
                    && SenderReport.senderSsrc(buf, cursor.offset()) == from.receiveSsrc) {
                // LSR/DLSR of the leg's next report block (RFC 3550 §6.4.1).
                stats.onSenderReport(SenderReport.ntpTimestamp(buf, cursor.offset()), nowNanos);
            }
            if (type != RtcpHeader.RTPFB && type != RtcpHeader.PSFB) {
                continue;
            }
            StreamRewriter rewriter = from.rewriter;
            if (rewriter != null && aboutSsrc(buf, cursor.offset(), cursor.contentLength()) == from.outSsrc()) {
                // Feedback about the rewritten stream: a key frame request goes on to the source
                // shown now; a NACK names rewritten sequence numbers, which it cannot.
                EndpointState shownSource = sending(all, rewriter.selected());
                if (shownSource != null && !RtcpFeedback.isNack(buf, cursor.offset())) {
                    askKeyFrame(shownSource, from.outSsrc(), rewriter.selected());
                } else {
                    counters.drop(MixerDrop.FEEDBACK_SSRC_UNKNOWN);
                }
                continue;
            }
            EndpointState sender = senderOf(all, buf, cursor.offset(), cursor.contentLength());
            if (sender == null || sender == from) {
                counters.drop(MixerDrop.FEEDBACK_SSRC_UNKNOWN);
                continue;
            }
            if (sender != relayedTo) {
                relayedTo = sender;
                Optional<MixerDrop> failed = sender.sendRtcp(buf, off, len);
                if (failed.isPresent()) {
                    counters.drop(failed.get());
                } else {
                    counters.add(MediaCounters.Count.RTCP_OUT);
                }
            }
        }
    }

    /** Valid RTP or RTCP from the endpoint's own address: it is alive (RTP timeout). */
    private static void heard(EndpointState from, long nowNanos) {
        from.lastHeardNanos = nowNanos;
        from.silenceReported = false;
    }

    /** The endpoint that sends the media SSRC a feedback packet is about. */
    private static @Nullable EndpointState senderOf(EndpointState[] all, byte[] buf, int packet, int length) {
        long ssrc = aboutSsrc(buf, packet, length);
        return ssrc < 0 ? null : sending(all, ssrc);
    }

    /** The media SSRC a feedback packet is about (FIR: its FCI, RFC 5104 §4.3.1); -1 when too short. */
    private static long aboutSsrc(byte[] buf, int packet, int length) {
        if (RtcpFeedback.isFir(buf, packet)) {
            return length < RtcpFeedback.FIXED_SIZE + 8 ? -1 : Bytes.u32(buf, RtcpFeedback.fciOffset(packet));
        }
        return RtcpFeedback.mediaSsrc(buf, packet);
    }

    /** The endpoint that sent RTP with {@code ssrc}. */
    private static @Nullable EndpointState sending(EndpointState[] all, long ssrc) {
        for (EndpointState e : all) {
            if (e.sentSsrc(ssrc)) {
                return e;
            }
        }
        return null;
    }
}
