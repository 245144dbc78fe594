package dev.parley.mixer.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.mixer.Tones;
import org.junit.jupiter.api.Test;

/**
 * Native libopus through opus-java, as the mixer uses it: it loads on this host, carries a 1 kHz
 * tone, speaks the same Opus as concentus both ways, refuses bad packets, and refuses to run once
 * closed (the engine's {@code NativeOpusLifecycleTest} checks that endpoints close theirs).
 */
class OpusCodecsTest {
    private static final int FRAME = AudioCodec.WIDEBAND / AudioCodec.FRAMES_PER_SECOND;
    private static final int FRAMES = 50;
    /** Frames the encoder and decoder take to settle before the tone is checked. */
    private static final int SETTLE = 5;

    @Test
    void libopusLoadsHereAndAutoPicksIt() {
        OpusCodecs auto = OpusCodecs.of(OpusCodecs.Choice.AUTO);
        assertThat(auto.isNative()).as(auto.description()).isTrue();
        assertThat(auto.implementation()).isEqualTo("libopus");
        assertThat(auto.description()).startsWith("libopus 1.");
        try (AudioCodec codec = auto.create()) {
            assertThat(codec).isInstanceOf(LibopusCodec.class);
        }
        assertThat(OpusCodecs.of(OpusCodecs.Choice.LIBOPUS).isNative()).isTrue();
    }

    @Test
    void concentusWhenAskedFor() {
        OpusCodecs concentus = OpusCodecs.of(OpusCodecs.Choice.CONCENTUS);
        assertThat(concentus.implementation()).isEqualTo("concentus");
        assertThat(concentus.create()).isInstanceOf(ConcentusOpusCodec.class);
    }

    @Test
    void libopusRoundTripsAOneKilohertzTone() {
        try (AudioCodec codec = OpusCodecs.of(OpusCodecs.Choice.LIBOPUS).create()) {
            assertToneCrosses(codec, codec);
        }
    }

    @Test
    void concentusDecodesWhatLibopusEncodes() {
        try (AudioCodec libopus = OpusCodecs.of(OpusCodecs.Choice.LIBOPUS).create()) {
            assertToneCrosses(libopus, new ConcentusOpusCodec());
        }
    }

    @Test
    void libopusDecodesWhatConcentusEncodes() {
        try (AudioCodec libopus = OpusCodecs.of(OpusCodecs.Choice.LIBOPUS).create()) {
            assertToneCrosses(new ConcentusOpusCodec(), libopus);
        }
    }

    /** 1 s of a 1 kHz tone at 16 kHz, encoded by one codec and decoded by the other, frame by frame. */
    private static void assertToneCrosses(AudioCodec encoder, AudioCodec decoder) {
        byte[] packet = new byte[1500];
        short[] pcm = new short[AudioCodec.WIDEBAND * 120 / 1000];
        for (int k = 0; k < FRAMES; k++) {
            short[] tone = Tones.frame(1000, 8000, (long) k * FRAME, AudioCodec.WIDEBAND);
            int bytes = encoder.encode(tone, FRAME, packet, 12, packet.length - 12);
            assertThat(bytes).as("frame %d encoded", k).isBetween(3, 1275);
            int samples = decoder.decode(packet, 12, bytes, pcm);
            assertThat(samples).as("frame %d decoded at 16 kHz", k).isEqualTo(FRAME);
            if (k >= SETTLE) {
                short[] frame = java.util.Arrays.copyOf(pcm, samples);
                assertThat(Tones.share(frame, 1000, AudioCodec.WIDEBAND))
                        .as("1 kHz share of frame %d", k)
                        .isGreaterThan(0.9);
                assertThat(rms(frame)).as("level of frame %d", k).isGreaterThan(0.7 * 8000 / Math.sqrt(2));
            }
        }
    }

    /**
     * A frame through libopus costs the Java heap nothing (direct buffers made once, the per-frame
     * calls by JNA direct mapping): 500 frames decoded and encoded allocate less than 1 KB on this
     * thread, where opus-java's interface binding alone took about 225 bytes a frame.
     */
    @Test
    void libopusFramesAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (AudioCodec codec = OpusCodecs.of(OpusCodecs.Choice.LIBOPUS).create()) {
            short[] tone = Tones.frame(1000, 8000, 0, AudioCodec.WIDEBAND);
            byte[] packet = new byte[1500];
            short[] pcm = new short[1920];
            int bytes = 0;
            for (int k = 0; k < 20; k++) {
                bytes = codec.encode(tone, FRAME, packet, 0, packet.length);
                codec.decode(packet, 0, bytes, pcm);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            int samples = 0;
            for (int k = 0; k < 500; k++) {
                bytes = codec.encode(tone, FRAME, packet, 0, packet.length);
                samples += codec.decode(packet, 0, bytes, pcm);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(samples).isEqualTo(500 * FRAME);
            assertThat(allocated).as("bytes allocated by 500 frames").isLessThan(1024);
        }
    }

    @Test
    void aMalformedPacketIsRefusedNotCrashed() {
        try (AudioCodec codec = OpusCodecs.of(OpusCodecs.Choice.LIBOPUS).create()) {
            short[] pcm = new short[1920];
            // TOC byte of a 20 ms CELT frame, code 3 (RFC 6716 §3.2.5) with a frame count of 0: invalid.
            byte[] bad = {(byte) 0xFB, 0x00};
            assertThat(codec.decode(bad, 0, bad.length, pcm)).isEqualTo(-1);
            assertThat(codec.decode(new byte[0], 0, 0, pcm)).isEqualTo(-1);
            // A 120 ms packet does not fit 10 ms of room.
            byte[] packet = new byte[1500];
            short[] tone = Tones.frame(1000, 8000, 0, AudioCodec.WIDEBAND);
            int bytes = codec.encode(tone, FRAME, packet, 0, packet.length);
            assertThat(codec.decode(packet, 0, bytes, new short[FRAME / 2])).isEqualTo(-1);
        }
    }

    @Test
    void aClosedCodecRefusesInsteadOfTouchingFreedMemory() {
        AudioCodec codec = OpusCodecs.of(OpusCodecs.Choice.LIBOPUS).create();
        codec.close();
        codec.close();
        assertThat(codec.encode(new short[FRAME], FRAME, new byte[1500], 0, 1500))
                .isEqualTo(-1);
        assertThat(codec.decode(new byte[] {0x08, 0x00}, 0, 2, new short[1920])).isEqualTo(-1);
    }

    private static double rms(short[] pcm) {
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / pcm.length);
    }
}
