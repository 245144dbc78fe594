package dev.parley.media.jitter;

import dev.parley.media.DropReason;

/**
 * The adaptive jitter buffer of {@link JitterBuffer} for encoded packets, in front of a decoder
 * that keeps state (G.722's ADPCM, Opus), which must see packets in order and be told about the
 * missing ones rather than get them late: {@link #put} as packets arrive, {@link #poll} once per
 * frame period, then decode what it gives, or run the decoder's concealment when it says {@link
 * Playout#CONCEALED}. Packets are placed by RTP timestamp in frames of {@code
 * timestampsPerFrame}; a packet longer than one frame is played by one poll, then {@link
 * #advance} moves past the frames it covered. Each slot keeps a one-byte tag with the payload
 * (the payload type, say). Preallocated; no allocation per packet.
 */
public final class PacketJitterBuffer extends PlayoutQueue {
    private final byte[][] payloads;
    private final int[] lengths;
    private final byte[] tags;

    private byte[] in = new byte[0];
    private int inOff;
    private int inLen;
    private byte inTag;
    private byte[] out = new byte[0];
    private int outOff;
    private int outLen;
    private byte outTag;

    /** {@code config}'s samplesPerFrame is not used; {@code maxPayload} bounds a packet's payload. */
    public PacketJitterBuffer(JitterBufferConfig config, int maxPayload) {
        super(config);
        this.payloads = new byte[config.capacityFrames()][maxPayload];
        this.lengths = new int[config.capacityFrames()];
        this.tags = new byte[config.capacityFrames()];
    }

    /**
     * Buffers one payload ({@code len} bytes at {@code buf[off]}) with its tag, RTP timestamp and
     * arrival time; {@link DropReason#NONE} when kept, {@link DropReason#JITTER_PAYLOAD_TOO_LARGE}
     * when it does not fit a slot.
     */
    public DropReason put(long rtpTimestamp, byte tag, byte[] buf, int off, int len, long arrivalNanos) {
        if (len > payloads[0].length) {
            return DropReason.JITTER_PAYLOAD_TOO_LARGE;
        }
        in = buf;
        inOff = off;
        inLen = len;
        inTag = tag;
        return insert(rtpTimestamp, arrivalNanos);
    }

    /**
     * This tick's packet: on {@link Playout#PLAYED} its payload is in {@code buf[off..]}, its
     * length in {@link #length()} and its tag in {@link #tag()}; otherwise nothing is written.
     */
    public Playout poll(byte[] buf, int off) {
        out = buf;
        outOff = off;
        outLen = 0;
        return next();
    }

    /** The length of the payload the last {@link #poll} played. */
    public int length() {
        return outLen;
    }

    /** The tag of the payload the last {@link #poll} played. */
    public byte tag() {
        return outTag;
    }

    /** The packet just played held {@code frames} frames: the next poll plays what follows them. */
    public void playedFrames(int frames) {
        advance(frames);
    }

    @Override
    void store(int slot) {
        System.arraycopy(in, inOff, payloads[slot], 0, inLen);
        lengths[slot] = inLen;
        tags[slot] = inTag;
    }

    @Override
    void load(int slot) {
        outLen = lengths[slot];
        outTag = tags[slot];
        System.arraycopy(payloads[slot], 0, out, outOff, outLen);
    }
}
