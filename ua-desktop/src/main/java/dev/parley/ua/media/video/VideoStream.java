package dev.parley.ua.media.video;

import dev.parley.media.DropReason;
import dev.parley.media.rtcp.RtcpMuxDemux;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.rtp.RtpHeaderWriter;
import dev.parley.media.stats.NtpTime;
import dev.parley.sdp.SsrcAttribute;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.NegotiatedFormat;
import dev.parley.sdp.negotiation.StreamNegotiation;
import dev.parley.ua.session.MediaStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTP video session: one m-line ({@code m=video}, or the {@code a=content:slides} one) of
 * one call. Sends the source's pictures encoded with the first negotiated codec, one SSRC;
 * receives every stream the mixer forwards on this m-line (told apart by SSRC, RFC 3550 §8),
 * each assembled, decoded and handed to the {@link VideoSink}. A PLI or FIR naming this sender
 * makes the next frame a key frame; a lost frame sends a PLI for that stream (at most one per
 * 250 ms per stream). RTCP rides on the RTP port when rtcp-mux is negotiated (RFC 5761), else
 * on the next port. Threads: one capture/send, one receive per socket.
 */
public final class VideoStream implements MediaStream {
    private static final Logger LOG = LoggerFactory.getLogger(VideoStream.class);
    private static final int MAX_PAYLOAD = 1200;
    private static final int MAX_RECEIVED_STREAMS = 64;
    private static final long PLI_INTERVAL_NANOS = 250_000_000L;
    private static final long REPORT_INTERVAL_NANOS = 5_000_000_000L;

    private final MediaKind kind;
    private final VideoSettings settings;
    private final DatagramSocket rtpSocket;
    private final DatagramSocket rtcpSocket;
    private final long ssrc;
    private final Object rtcpLock = new Object();
    private final VideoRtcp rtcp;
    private final byte[] rtcpOut = new byte[512];
    private final List<Thread> threads = new ArrayList<>();

    private volatile boolean running;
    private volatile boolean sending = true;
    private volatile @Nullable VideoEncoder encoder;
    private @Nullable InetSocketAddress remoteRtp;
    private @Nullable InetSocketAddress remoteRtcp;

    private VideoStream(MediaKind kind, VideoSettings settings, DatagramSocket rtp, DatagramSocket rtcp, long ssrc) {
        this.kind = kind;
        this.settings = settings;
        this.rtpSocket = rtp;
        this.rtcpSocket = rtcp;
        this.ssrc = ssrc;
        this.rtcp = new VideoRtcp(ssrc, settings.cname());
    }

    /** Binds an even RTP port and the RTCP port above it on {@code local}. */
    public static VideoStream open(MediaKind kind, InetAddress local, VideoSettings settings) throws IOException {
        if (kind != MediaKind.VIDEO && kind != MediaKind.SLIDES) {
            throw new IllegalArgumentException("a video stream carries video or slides, not " + kind);
        }
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 20_000 + 2 * random.nextInt(20_000);
            DatagramSocket rtp;
            try {
                rtp = new DatagramSocket(new InetSocketAddress(local, port));
            } catch (SocketException inUse) {
                continue;
            }
            try {
                DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(local, port + 1));
                return new VideoStream(kind, settings, rtp, rtcp, random.nextInt() & 0xFFFF_FFFFL);
            } catch (SocketException inUse) {
                rtp.close();
            }
        }
        throw new IOException("no free pair of UDP ports on " + local.getHostAddress());
    }

    @Override
    public MediaKind kind() {
        return kind;
    }

    /** The SSRC this stream sends with (the member list's {@code <src-id>}). */
    public long ssrc() {
        return ssrc;
    }

    @Override
    public LocalStream local() {
        return new LocalStream(
                rtpSocket.getLocalPort(),
                List.of(new SsrcAttribute(ssrc, "cname", Optional.of(settings.cname()))),
                Optional.empty());
    }

    @Override
    public synchronized void start(StreamNegotiation negotiated) {
        if (running || !negotiated.accepted() || negotiated.remoteHost().isEmpty()) {
            return;
        }
        Map<Integer, VideoCodec> codecs = new HashMap<>();
        Optional<Integer> sendPayloadType = Optional.empty();
        VideoCodec sendCodec = null;
        for (NegotiatedFormat f : negotiated.mediaFormats()) {
            Optional<VideoCodec> c = VideoCodec.byEncodingName(f.rtpMap().encoding());
            if (c.isPresent()) {
                int pt = Integer.parseInt(f.payloadType());
                codecs.put(pt, c.get());
                if (sendCodec == null) {
                    sendCodec = c.get();
                    sendPayloadType = Optional.of(pt);
                }
            }
        }
        if (sendCodec == null) {
            LOG.warn("{} stream: no video codec of ours was negotiated", kind);
            return;
        }
        String host = negotiated.remoteHost().get();
        remoteRtp = new InetSocketAddress(host, negotiated.remotePort());
        remoteRtcp = new InetSocketAddress(
                host, negotiated.rtcpMux() ? negotiated.remotePort() : negotiated.remotePort() + 1);
        running = true;
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (negotiated.direction().receives()) {
            threads.add(startThread("video-recv-" + name, () -> receiveLoop(rtpSocket, codecs)));
        }
        threads.add(startThread("video-rtcp-" + name, () -> receiveLoop(rtcpSocket, codecs)));
        if (negotiated.direction().sends() && settings.source().kind() != VideoSourceSpec.Kind.NONE) {
            VideoCodec codec = sendCodec;
            int pt = sendPayloadType.orElseThrow();
            threads.add(startThread("video-send-" + name, () -> sendLoop(codec, pt)));
        } else {
            sendReport(false, 0, 0, 0); // lets a mixer latch this address (symmetric RTP)
        }
        LOG.info("{} stream started: {} to {} (ssrc {})", name, sendCodec.encodingName(), remoteRtp, ssrc);
    }

    @Override
    public void setSending(boolean on) {
        sending = on;
        if (on) {
            VideoEncoder e = encoder;
            if (e != null) {
                e.requestKeyFrame();
            }
        }
    }

    private void sendLoop(VideoCodec codec, int payloadType) {
        try (VideoSource source =
                settings.source().open(settings.maxSize(), settings.framesPerSecond(), settings.label())) {
            FrameSize max = settings.maxSize();
            int fps = settings.framesPerSecond();
            FrameSize coded = max.fit(source.size().width(), source.size().height());
            try (VideoEncoder enc =
                    VideoEncoder.open(new VideoEncoder.Config(codec, coded, fps, settings.maxBitrate(), 10))) {
                encoder = enc;
                runSender(source, enc, codec.packetizer(MAX_PAYLOAD, (int) ssrc), payloadType, fps);
            } finally {
                encoder = null;
            }
        } catch (IOException | CodecException e) {
            if (running) { // closing the stream closes its socket under the sender: not a failure
                LOG.warn("{} stream: cannot send video: {}", kind, e.getMessage());
            }
        }
    }

    private void runSender(VideoSource source, VideoEncoder enc, Packetizer packetizer, int payloadType, int fps)
            throws IOException, CodecException {
        InetSocketAddress to = remoteRtp;
        if (to == null) {
            return;
        }
        byte[] packet = new byte[RtpHeader.FIXED_HEADER_SIZE + MAX_PAYLOAD];
        DatagramPacket datagram = new DatagramPacket(packet, 0, to);
        SecureRandom random = new SecureRandom();
        int seq = random.nextInt(0x10000);
        long timestampBase = random.nextInt() & 0xFFFF_FFFFL;
        long start = System.nanoTime();
        long frameNanos = 1_000_000_000L / fps;
        long next = start;
        long lastReport = 0;
        long packets = 0;
        long octets = 0;
        int empty = 0;
        long pictures = 0;
        try {
            while (running) {
                long now = System.nanoTime();
                if (next > now) {
                    sleepNanos(next - now);
                }
                next = Math.max(next + frameNanos, System.nanoTime() - frameNanos);
                if (!sending) {
                    continue;
                }
                Optional<BufferedImage> picture = source.grab();
                if (picture.isEmpty()) {
                    if (++empty == 3 * fps) {
                        LOG.warn("{} stream: no picture from the source for 3 s", kind);
                    }
                    continue;
                }
                empty = 0;
                pictures++;
                settings.sink().sent(kind, picture.get());
                long timestamp = (timestampBase + (System.nanoTime() - start) * 9 / 100_000) & 0xFFFF_FFFFL;
                for (EncodedFrame frame : enc.encode(picture.get())) {
                    List<byte[]> payloads = packetizer.packetize(frame.data());
                    for (int i = 0; i < payloads.size(); i++) {
                        byte[] p = payloads.get(i);
                        int h = RtpHeaderWriter.writeFixed(
                                packet, 0, i == payloads.size() - 1, payloadType, seq, timestamp, ssrc);
                        System.arraycopy(p, 0, packet, h, p.length);
                        datagram.setData(packet, 0, h + p.length);
                        rtpSocket.send(datagram);
                        seq = (seq + 1) & 0xFFFF;
                        packets++;
                        octets += p.length;
                    }
                }
                if (System.nanoTime() - lastReport > REPORT_INTERVAL_NANOS) {
                    lastReport = System.nanoTime();
                    sendReport(true, timestamp, packets, octets);
                }
            }
        } finally {
            LOG.info("{} stream ended: sent {} pictures in {} packets (ssrc {})", kind, pictures, packets, ssrc);
        }
    }

    private void receiveLoop(DatagramSocket socket, Map<Integer, VideoCodec> codecs) {
        byte[] buf = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buf, buf.length);
        Map<Long, Receiver> receivers = new HashMap<>();
        try {
            while (running) {
                datagram.setLength(buf.length);
                socket.receive(datagram);
                int len = datagram.getLength();
                RtcpMuxDemux.Kind what = RtcpMuxDemux.classify(buf, 0, len);
                if (what == RtcpMuxDemux.Kind.RTCP) {
                    VideoEncoder e = encoder;
                    if (rtcp.asksForKeyFrame(buf, 0, len) && e != null) {
                        e.requestKeyFrame();
                    }
                } else if (what == RtcpMuxDemux.Kind.RTP && RtpHeader.validate(buf, 0, len) == DropReason.NONE) {
                    onRtp(buf, len, codecs, receivers);
                }
            }
        } catch (IOException e) {
            if (running) {
                LOG.warn("{} stream: receiving stopped: {}", kind, e.getMessage());
            }
        } finally {
            receivers.forEach((from, r) -> LOG.info(
                    "{} stream ended: from ssrc {} received {} packets, decoded {} pictures",
                    kind,
                    from,
                    r.packets,
                    r.pictures));
            receivers.values().forEach(Receiver::close);
        }
    }

    private void onRtp(byte[] buf, int len, Map<Integer, VideoCodec> codecs, Map<Long, Receiver> receivers) {
        VideoCodec codec = codecs.get(RtpHeader.payloadType(buf, 0));
        long from = RtpHeader.ssrc(buf, 0);
        if (codec == null || from == ssrc) {
            return;
        }
        Receiver r = receivers.get(from);
        if (r == null || r.codec != codec) {
            if (r != null) {
                r.close();
            } else if (receivers.size() >= MAX_RECEIVED_STREAMS) {
                return;
            }
            try {
                r = new Receiver(codec);
            } catch (CodecException e) {
                LOG.warn("{} stream: cannot decode {}: {}", kind, codec.encodingName(), e.getMessage());
                return;
            }
            receivers.put(from, r);
        }
        r.packets++;
        int payload = RtpHeader.payloadOffset(buf, 0);
        Optional<EncodedFrame> frame = r.assembler.push(
                RtpHeader.sequenceNumber(buf, 0),
                RtpHeader.timestamp(buf, 0),
                RtpHeader.marker(buf, 0),
                buf,
                payload,
                RtpHeader.payloadLength(buf, 0, len));
        boolean needKeyFrame = r.assembler.takeKeyFrameRequest();
        if (frame.isPresent()) {
            try {
                Optional<BufferedImage> picture = r.decoder.decode(frame.get());
                if (picture.isPresent()) {
                    r.pictures++;
                    settings.sink().received(kind, from, picture.get());
                }
            } catch (CodecException e) {
                needKeyFrame = true;
            }
        }
        long now = System.nanoTime();
        if (needKeyFrame && now - r.lastPli > PLI_INTERVAL_NANOS) {
            r.lastPli = now;
            sendPli(from);
        }
    }

    private void sendPli(long mediaSsrc) {
        synchronized (rtcpLock) {
            sendRtcp(rtcp.writePli(rtcpOut, mediaSsrc));
        }
    }

    private void sendReport(boolean asSender, long rtpTimestamp, long packets, long octets) {
        synchronized (rtcpLock) {
            long ntp = NtpTime.fromUnixNanos(System.currentTimeMillis() * 1_000_000L);
            sendRtcp(rtcp.writeReport(rtcpOut, asSender, ntp, rtpTimestamp, packets, octets));
        }
    }

    private void sendRtcp(int length) {
        InetSocketAddress to = remoteRtcp;
        if (to == null) {
            return;
        }
        DatagramSocket from = to.getPort() == (remoteRtp == null ? -1 : remoteRtp.getPort()) ? rtpSocket : rtcpSocket;
        try {
            from.send(new DatagramPacket(rtcpOut, 0, length, to));
        } catch (IOException e) {
            LOG.debug("{} stream: RTCP not sent: {}", kind, e.getMessage());
        }
    }

    private static Thread startThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        rtpSocket.close();
        rtcpSocket.close();
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One received stream: its frame assembler and decoder. */
    private static final class Receiver implements AutoCloseable {
        final VideoCodec codec;
        final FrameAssembler assembler;
        final VideoDecoder decoder;
        long lastPli = System.nanoTime() - PLI_INTERVAL_NANOS;
        long packets;
        long pictures;

        Receiver(VideoCodec codec) throws CodecException {
            this.codec = codec;
            this.assembler = new FrameAssembler(codec.depacketizer(), 2048);
            this.decoder = VideoDecoder.open(codec);
        }

        @Override
        public void close() {
            decoder.close();
        }
    }
}
