package dev.parley.ua.media.audio;

import dev.parley.media.DropCounters;
import dev.parley.media.PacketClassifier;
import dev.parley.media.jitter.JitterBuffer;
import dev.parley.media.jitter.JitterBufferConfig;
import dev.parley.media.level.AudioLevel;
import dev.parley.media.rtcp.RtcpCursor;
import dev.parley.media.rtcp.RtcpHeader;
import dev.parley.media.rtcp.SdesCursor;
import dev.parley.media.rtcp.SdesWriter;
import dev.parley.media.rtcp.SenderReport;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.rtp.RtpHeaderWriter;
import dev.parley.media.stats.ReceiverStatistics;
import dev.parley.media.stats.SenderStatistics;
import dev.parley.sdp.SsrcAttribute;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.NegotiatedFormat;
import dev.parley.sdp.negotiation.StreamNegotiation;
import dev.parley.ua.session.MediaStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's audio: an RTP session (RFC 3550) on a pair of UDP ports (one with rtcp-mux, RFC
 * 5761). A single thread owns everything and runs every 20 ms: it takes the datagrams that
 * arrived (RTP decoded into the jitter buffer, RTCP senders' reports noted), reads one frame from
 * the source and sends it encoded (or a DTMF event, RFC 4733), plays one frame from the jitter
 * buffer into the sink, and every ~5 s sends its RTCP report with SDES CNAME. Opus is preferred
 * in the offer, G.711 follows; the answer's first codec is used.
 */
public final class AudioStream implements MediaStream {
    private static final Logger LOG = LoggerFactory.getLogger(AudioStream.class);
    private static final long TICK_NANOS = 20_000_000L;
    private static final long RTCP_NANOS = 5_000_000_000L;
    /** The level meter's pace: every 5th 20 ms frame, ten times a second. */
    private static final int LEVEL_TICKS = 5;

    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    private final long ssrc = ThreadLocalRandom.current().nextLong(1, 1L << 32);
    private final String cname;
    private final AudioSource source;
    private final AudioSink sink;
    private final ScheduledExecutorService ticker;
    private final ConcurrentLinkedQueue<Character> keys = new ConcurrentLinkedQueue<>();
    private volatile boolean sending = true;
    /** Gets the captured audio's RFC 6464 level (0 loudest, 127 silence) every {@link #LEVEL_TICKS} frames. */
    private final IntConsumer levels;

    // Owned by the tick thread once started.
    private final ByteBuffer in = ByteBuffer.allocate(2048);
    private final byte[] out = new byte[1500];
    private final short[] frame = new short[AudioSource.FRAME];
    private final short[] play = new short[AudioSource.FRAME];
    private final DropCounters drops = new DropCounters();
    private final DtmfSender dtmf = new DtmfSender();
    private @Nullable Started started;
    private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextLong(1L << 32);
    private long eventTimestamp;
    private long nextRtcp;
    private @Nullable ReceiverStatistics received;
    private long receivedSsrc = -1;
    private int ticks;

    /** What the answer settled. */
    private record Started(
            AudioCodec sendCodec,
            int sendPt,
            int eventPt,
            Map<Integer, AudioCodec> receive,
            JitterBuffer jitter,
            PacketClassifier classifier,
            SocketAddress remoteRtp,
            SocketAddress remoteRtcp,
            boolean mux,
            SenderStatistics sent) {}

    AudioStream(InetAddress local, AudioSource source, AudioSink sink, String cname, IntConsumer levels)
            throws IOException {
        this.levels = levels;
        this.source = source;
        this.sink = sink;
        this.cname = cname;
        DatagramChannel[] pair = bindPair(local);
        this.rtp = pair[0];
        this.rtcp = pair[1];
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ua-audio-" + Long.toHexString(ssrc));
            t.setDaemon(true);
            return t;
        });
    }

    /** An even RTP port and the odd one after it for RTCP (RFC 3550 §11), both non-blocking. */
    private static DatagramChannel[] bindPair(InetAddress local) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 2 * ThreadLocalRandom.current().nextInt(10_000, 30_000);
            DatagramChannel a = DatagramChannel.open();
            try {
                a.bind(new InetSocketAddress(local, port));
            } catch (IOException taken) {
                a.close();
                continue;
            }
            DatagramChannel b = DatagramChannel.open();
            try {
                b.bind(new InetSocketAddress(local, port + 1));
            } catch (IOException taken) {
                a.close();
                b.close();
                continue;
            }
            a.configureBlocking(false);
            b.configureBlocking(false);
            return new DatagramChannel[] {a, b};
        }
        throw new IOException("no free pair of UDP ports for audio on " + local.getHostAddress());
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public LocalStream local() {
        return new LocalStream(
                ((InetSocketAddress) localAddress()).getPort(),
                List.of(new SsrcAttribute(ssrc, "cname", Optional.of(cname))),
                Optional.empty());
    }

    /** This stream's SSRC (the member list's {@code <src-id>} for it). */
    public long ssrc() {
        return ssrc;
    }

    private SocketAddress localAddress() {
        try {
            SocketAddress a = rtp.getLocalAddress();
            if (a == null) {
                throw new IllegalStateException("audio socket is closed");
            }
            return a;
        } catch (IOException e) {
            throw new IllegalStateException("audio socket is closed", e);
        }
    }

    @Override
    public void start(StreamNegotiation s) {
        NegotiatedFormat first = s.mediaFormats().stream()
                .filter(f -> AudioCodecs.supports(f.rtpMap()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no audio codec this agent has in " + s.formats()));
        AudioCodec send = AudioCodecs.create(first.rtpMap());
        Map<Integer, AudioCodec> receive = new HashMap<>();
        for (NegotiatedFormat f : s.mediaFormats()) {
            if (AudioCodecs.supports(f.rtpMap()) && f.rtpMap().clockRate() == send.clockRate()) {
                receive.put(Integer.parseInt(f.payloadType()), AudioCodecs.create(f.rtpMap()));
            }
        }
        int eventPt = s.eventFormats().stream()
                .filter(f -> f.rtpMap().clockRate() == send.clockRate())
                .map(f -> Integer.parseInt(f.payloadType()))
                .findFirst()
                .orElse(-1);
        String host = s.remoteHost().orElseThrow(() -> new IllegalArgumentException("the answer has no address"));
        InetSocketAddress remote = new InetSocketAddress(host, s.remotePort());
        InetSocketAddress remoteRtcp = s.rtcpMux() ? remote : new InetSocketAddress(host, s.remotePort() + 1);
        JitterBuffer jitter = new JitterBuffer(
                new JitterBufferConfig(AudioSource.FRAME, send.timestampsPerFrame(), send.clockRate(), 3, 12, 50, 3));
        Started st = new Started(
                send,
                Integer.parseInt(first.payloadType()),
                eventPt,
                receive,
                jitter,
                new PacketClassifier(s.rtcpMux(), false, drops),
                remote,
                remoteRtcp,
                s.rtcpMux(),
                new SenderStatistics(ssrc, send.clockRate()));
        ticker.execute(() -> started = st);
        ticker.scheduleAtFixedRate(this::tick, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
        LOG.info(
                "audio {} pt {} to {} (rtcp-mux {}), events pt {}",
                first.rtpMap().encoding(),
                first.payloadType(),
                remote,
                s.rtcpMux(),
                eventPt);
    }

    @Override
    public void setSending(boolean on) {
        sending = on;
    }

    @Override
    public boolean sendDtmf(char key) {
        if (DtmfSender.eventOf(key) < 0) {
            return false;
        }
        keys.add(key);
        return true;
    }

    private void tick() {
        Started st = started;
        if (st == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            receive(st, now);
            send(st, now);
            st.jitter().poll(play, 0);
            sink.write(play);
            if (now - nextRtcp >= 0) {
                report(st, now);
                nextRtcp = now
                        + (long)
                                (RTCP_NANOS * (0.5 + ThreadLocalRandom.current().nextDouble()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("audio tick: {}", e.toString());
        }
    }

    private void receive(Started st, long now) throws IOException {
        for (DatagramChannel ch : st.mux() ? List.of(rtp) : List.of(rtp, rtcp)) {
            while (true) {
                in.clear();
                if (ch.receive(in) == null) {
                    break;
                }
                byte[] buf = in.array();
                int len = in.position();
                PacketClassifier.Result kind = ch == rtcp
                        ? st.classifier().classifyRtcp(buf, 0, len)
                        : st.classifier().classify(buf, 0, len);
                if (kind == PacketClassifier.Result.RTP) {
                    onRtp(st, buf, len, now);
                } else if (kind == PacketClassifier.Result.RTCP) {
                    onRtcp(buf, len, now);
                }
            }
        }
    }

    private void onRtp(Started st, byte[] buf, int len, long now) {
        AudioCodec codec = st.receive().get(RtpHeader.payloadType(buf, 0));
        if (codec == null) {
            return; // telephone-event or a payload type not negotiated: nothing to play
        }
        ReceiverStatistics stats = received;
        long from = RtpHeader.ssrc(buf, 0);
        if (stats == null || from != receivedSsrc) {
            // The first packet, or the mixer's stream restarted under a new SSRC.
            stats = new ReceiverStatistics(from, codec.clockRate());
            received = stats;
            receivedSsrc = from;
        }
        stats.onPacket(RtpHeader.sequenceNumber(buf, 0), RtpHeader.timestamp(buf, 0), now);
        int off = RtpHeader.payloadOffset(buf, 0);
        if (codec.decode(buf, off, RtpHeader.payloadLength(buf, 0, len), frame) == AudioSource.FRAME) {
            st.jitter().put(RtpHeader.timestamp(buf, 0), frame, 0, now);
        }
    }

    private void onRtcp(byte[] buf, int len, long now) {
        RtcpCursor c = new RtcpCursor().reset(buf, 0, len);
        while (c.next()) {
            ReceiverStatistics stats = received;
            if (c.packetType() == RtcpHeader.SR && stats != null && RtcpHeader.ssrc(buf, c.offset()) == receivedSsrc) {
                stats.onSenderReport(SenderReport.ntpTimestamp(buf, c.offset()), now);
            }
        }
    }

    private void send(Started st, long now) throws IOException {
        source.read(frame);
        if (++ticks % LEVEL_TICKS == 0) {
            // What is sent: nothing while muted.
            levels.accept(sending ? AudioLevel.of(frame, 0, frame.length) : AudioLevel.SILENCE);
        }
        Character key;
        while ((key = keys.poll()) != null) {
            if (st.eventPt() >= 0) {
                dtmf.press(key);
            }
        }
        int tsPerFrame = st.sendCodec().timestampsPerFrame();
        if (dtmf.busy()) {
            int header = RtpHeader.FIXED_HEADER_SIZE;
            DtmfSender.Packet p = dtmf.next(out, header, tsPerFrame);
            if (p.startsEvent()) {
                eventTimestamp = timestamp;
            }
            if (p.length() > 0) {
                RtpHeaderWriter.writeFixed(out, 0, p.marker(), st.eventPt(), sequence, eventTimestamp, ssrc);
                sequence = (sequence + 1) & 0xFFFF;
                rtp.send(ByteBuffer.wrap(out, 0, header + p.length()), st.remoteRtp());
                st.sent().onSent(p.length(), eventTimestamp, now);
            }
        } else if (sending) {
            int header = RtpHeaderWriter.writeFixed(out, 0, false, st.sendPt(), sequence, timestamp, ssrc);
            int n = st.sendCodec().encode(frame, out, header);
            if (n > 0) {
                sequence = (sequence + 1) & 0xFFFF;
                rtp.send(ByteBuffer.wrap(out, 0, header + n), st.remoteRtp());
                st.sent().onSent(n, timestamp, now);
            }
        }
        timestamp = (timestamp + tsPerFrame) & 0xFFFFFFFFL;
    }

    /** RFC 3550 §6.4: an SR once this side has sent (else an RR), a block about the source heard, and SDES CNAME. */
    private void report(Started st, long now) throws IOException {
        ReceiverStatistics stats = received;
        int blocks = stats == null ? 0 : 1;
        int len;
        if (st.sent().hasSent()) {
            len = st.sent().writeSenderReport(out, 0, now, System.currentTimeMillis() * 1_000_000L, blocks);
            if (stats != null) {
                stats.writeReportBlock(out, SenderReport.reportBlockOffset(0, 0), now);
            }
        } else {
            len = dev.parley.media.rtcp.ReceiverReport.write(out, 0, ssrc, blocks);
            if (stats != null) {
                stats.writeReportBlock(out, dev.parley.media.rtcp.ReceiverReport.reportBlockOffset(0, 0), now);
            }
        }
        byte[] name = cname.getBytes(StandardCharsets.UTF_8);
        len += new SdesWriter()
                .begin(out, len)
                .chunk(ssrc)
                .item(SdesCursor.CNAME, name, 0, Math.min(name.length, 255))
                .finish();
        (st.mux() ? rtp : rtcp).send(ByteBuffer.wrap(out, 0, len), st.remoteRtcp());
    }

    @Override
    public void close() {
        Started st0 = started;
        if (st0 != null) {
            dev.parley.media.jitter.FrameCounters c = st0.jitter().counters();
            LOG.info(
                    "audio ended: frames played {}, concealed {}, silent {}, late {}; packets dropped {}",
                    c.played(),
                    c.concealed(),
                    c.silent(),
                    c.late(),
                    drops.total());
        }
        ticker.shutdownNow();
        try {
            if (!ticker.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("audio thread did not stop in 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            rtp.close();
            rtcp.close();
        } catch (IOException e) {
            LOG.debug("closing audio sockets: {}", e.toString());
        }
        source.close();
        sink.close();
        levels.accept(AudioLevel.SILENCE);
    }
}
