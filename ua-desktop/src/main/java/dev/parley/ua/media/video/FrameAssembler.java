package dev.parley.ua.media.video;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers the RTP packets of one video frame (one RTP timestamp, ended by the marker bit,
 * RFC 6184 §5.1 and RFC 7741 §4.1) in any order, and hands the frame to the codec's
 * {@link Depacketizer} once every sequence number from the frame's first packet to its marker
 * packet is there. A frame that cannot complete (a packet lost: the next timestamp began first)
 * or does not parse is dropped; from then on frames are dropped until a key frame arrives, and
 * {@link #takeKeyFrameRequest} says once per loss that the sender should be asked for one (PLI,
 * RFC 4585 §6.3.1). Late packets of a finished frame are ignored. One owner thread; no clock.
 */
public final class FrameAssembler {
    /** Why a frame was not delivered, counted. */
    public enum Drop {
        /** A packet of the frame never came. */
        INCOMPLETE,
        /** The payloads did not parse. */
        MALFORMED,
        /** Complete, but it depends on a frame that was lost. */
        WAITING_FOR_KEY_FRAME,
        /** More packets than a frame may have. */
        TOO_LARGE,
    }

    private final Depacketizer depacketizer;
    private final int maxPacketsPerFrame;
    private final Map<Integer, byte[]> packets = new HashMap<>();
    private final Map<Drop, Long> drops = new EnumMap<>(Drop.class);

    private boolean haveFrame;
    private long frameTimestamp;
    private int markerSeq = -1;

    private boolean haveLastTimestamp;
    private long lastTimestamp;
    private boolean haveLastEnd;
    private int lastEndSeq;

    private boolean waitingForKeyFrame = true;
    private boolean keyFrameRequest;
    private long latePackets;

    public FrameAssembler(Depacketizer depacketizer, int maxPacketsPerFrame) {
        if (maxPacketsPerFrame < 1) {
            throw new IllegalArgumentException("maxPacketsPerFrame must be positive: " + maxPacketsPerFrame);
        }
        this.depacketizer = depacketizer;
        this.maxPacketsPerFrame = maxPacketsPerFrame;
    }

    /**
     * Takes one RTP packet's fields and payload (copied); returns the frame it completes, if
     * any.
     */
    public Optional<EncodedFrame> push(
            int sequenceNumber, long timestamp, boolean marker, byte[] buf, int off, int len) {
        int seq = sequenceNumber & 0xFFFF;
        long ts = timestamp & 0xFFFFFFFFL;
        if (haveFrame && ts != frameTimestamp) {
            if (!newer(ts, frameTimestamp)) {
                latePackets++;
                return Optional.empty();
            }
            lose(Drop.INCOMPLETE);
        }
        if (!haveFrame) {
            if (haveLastTimestamp && !newer(ts, lastTimestamp)) {
                latePackets++;
                return Optional.empty();
            }
            haveFrame = true;
            frameTimestamp = ts;
            markerSeq = -1;
        }
        byte[] payload = new byte[len];
        System.arraycopy(buf, off, payload, 0, len);
        packets.put(seq, payload);
        if (marker) {
            markerSeq = seq;
        }
        if (packets.size() > maxPacketsPerFrame) {
            lose(Drop.TOO_LARGE);
            return Optional.empty();
        }
        return markerSeq < 0 ? Optional.empty() : tryComplete();
    }

    private Optional<EncodedFrame> tryComplete() {
        List<byte[]> ordered = ordered();
        if (ordered.isEmpty()) {
            return Optional.empty();
        }
        EncodedFrame frame;
        try {
            frame = depacketizer.depacketize(ordered);
        } catch (PayloadFormatException e) {
            lose(Drop.MALFORMED);
            return Optional.empty();
        }
        lastEndSeq = markerSeq;
        haveLastEnd = true;
        finish();
        if (waitingForKeyFrame && !frame.keyFrame()) {
            count(Drop.WAITING_FOR_KEY_FRAME);
            keyFrameRequest = true;
            return Optional.empty();
        }
        waitingForKeyFrame = false;
        return Optional.of(frame);
    }

    /** The frame's payloads from its first packet to the marker packet, or empty while one is missing. */
    private List<byte[]> ordered() {
        int first;
        if (haveLastEnd) {
            first = (lastEndSeq + 1) & 0xFFFF;
        } else {
            first = markerSeq;
            while (packets.containsKey((first - 1) & 0xFFFF) && packets.size() > ((markerSeq - first) & 0xFFFF) + 1) {
                first = (first - 1) & 0xFFFF;
            }
            byte[] firstPayload = packets.get(first);
            if (firstPayload == null || !depacketizer.canStartFrame(firstPayload)) {
                return List.of();
            }
        }
        int count = ((markerSeq - first) & 0xFFFF) + 1;
        if (count != packets.size()) {
            return List.of();
        }
        List<byte[]> ordered = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] p = packets.get((first + i) & 0xFFFF);
            if (p == null) {
                return List.of();
            }
            ordered.add(p);
        }
        return ordered;
    }

    private void lose(Drop reason) {
        count(reason);
        finish();
        haveLastEnd = false;
        waitingForKeyFrame = true;
        keyFrameRequest = true;
    }

    private void finish() {
        packets.clear();
        haveFrame = false;
        haveLastTimestamp = true;
        lastTimestamp = frameTimestamp;
        markerSeq = -1;
    }

    private void count(Drop reason) {
        drops.merge(reason, 1L, Long::sum);
    }

    /** True once after each loss or dropped frame: time to send a PLI for this stream. */
    public boolean takeKeyFrameRequest() {
        boolean request = keyFrameRequest;
        keyFrameRequest = false;
        return request;
    }

    /** Whether frames are being dropped until the next key frame. */
    public boolean waitingForKeyFrame() {
        return waitingForKeyFrame;
    }

    public long drops(Drop reason) {
        return drops.getOrDefault(reason, 0L);
    }

    /** Packets that arrived after their frame was delivered or dropped. */
    public long latePackets() {
        return latePackets;
    }

    /** Serial-number comparison of 32-bit RTP timestamps (RFC 3550 §5.1, RFC 1982). */
    private static boolean newer(long a, long b) {
        long diff = (a - b) & 0xFFFFFFFFL;
        return diff != 0 && diff < 0x80000000L;
    }
}
