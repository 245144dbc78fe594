package dev.parley.mixer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.mixer.Tones;
import dev.parley.mixer.audio.OpusCodecs;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A talker's packets lose 5 % and arrive up to 30 ms late and out of order (on a fake clock);
 * the listener must still hear the tone with no gap longer than one frame.
 */
class LossAndJitterTest {
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int FRAMES = 300;
    private static final int WARM_UP = 50;

    private record Arrival(long atNanos, int frame) {}

    @Test
    void theToneComesThroughFivePercentLossAndThirtyMillisecondsOfJitter() throws Exception {
        assertTheToneComesThrough(
                OpusCodecs.Choice.AUTO, Packets.PCMU, k -> Packets.pcmu(Tones.frame(440, 8000, k * 160L)), 160);
    }

    /**
     * The same from an Opus talker at 48 kHz, so through the 16 kHz mix and down to PCMU. Opus
     * decoding keeps state and 30 ms of jitter on 20 ms packets reorders often: the packet
     * jitter buffer puts them back in order before the decoder, and the lost ones are covered by
     * the last pitch period repeated and cross-faded back into the next packet. With the mixer on
     * native libopus and on concentus.
     */
    @ParameterizedTest
    @EnumSource(names = {"LIBOPUS", "CONCENTUS"})
    void anOpusToneComesThroughToAPcmuListenerThroughLossAndJitter(OpusCodecs.Choice opus) throws Exception {
        OpusEncoder encoder = new OpusEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.setComplexity(3); // a cheaper encoder: the test measures the mixer, not this side
        byte[] out = new byte[1275];
        assertTheToneComesThrough(
                opus,
                new PayloadFormat(111, "opus", 48000),
                k -> {
                    int n = encoder.encode(Tones.frame(440, 8000, k * 960L, 48000), 0, 960, out, 0, out.length);
                    return java.util.Arrays.copyOf(out, n);
                },
                960);
    }

    /**
     * An Opus talker and an Opus listener (a softphone on both ends): what the listener decodes
     * of the mixer's Opus keeps the tone too, with the mixer on libopus and on concentus.
     */
    @ParameterizedTest
    @EnumSource(names = {"LIBOPUS", "CONCENTUS"})
    void anOpusListenerHearsAnOpusToneThroughLossAndJitter(OpusCodecs.Choice choice) throws Exception {
        OpusEncoder encoder = new OpusEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.setComplexity(3);
        byte[] out = new byte[1275];
        OpusDecoder decoder = new OpusDecoder(48000, 1);
        short[] pcm = new short[5760];
        PayloadFormat opus = new PayloadFormat(111, "opus", 48000);
        assertTheToneComesThrough(
                choice,
                opus,
                k -> {
                    int n = encoder.encode(Tones.frame(440, 8000, k * 960L, 48000), 0, 960, out, 0, out.length);
                    return java.util.Arrays.copyOf(out, n);
                },
                960,
                opus,
                packet -> java.util.Arrays.copyOf(
                        pcm, decoder.decode(packet, 12, packet.length - 12, pcm, 0, pcm.length, false)),
                48000);
    }

    /** And from a G.722 talker (ADPCM keeps state too), through the same packet jitter buffer. */
    @Test
    void aG722ToneComesThroughToAPcmuListenerThroughLossAndJitter() throws Exception {
        dev.parley.media.g722.G722Encoder encoder = new dev.parley.media.g722.G722Encoder();
        assertTheToneComesThrough(
                OpusCodecs.Choice.AUTO,
                new PayloadFormat(9, "G722", 8000),
                k -> {
                    byte[] out = new byte[160];
                    encoder.encode(Tones.frame(440, 8000, k * 320L, 16000), 0, 320, out, 0);
                    return out;
                },
                160);
    }

    /** Makes frame k's payload. */
    private interface Payloads {
        byte[] frame(int k) throws Exception;
    }

    /** The listener's side: one RTP packet from the mixer to PCM. */
    private interface Listener {
        short[] decode(byte[] packet) throws Exception;
    }

    private void assertTheToneComesThrough(
            OpusCodecs.Choice opus, PayloadFormat format, Payloads payloads, int timestampsPerFrame) throws Exception {
        assertTheToneComesThrough(opus, format, payloads, timestampsPerFrame, Packets.PCMU, Packets::decodePcmu, 8000);
    }

    private void assertTheToneComesThrough(
            OpusCodecs.Choice opus,
            PayloadFormat format,
            Payloads payloads,
            int timestampsPerFrame,
            PayloadFormat listenerFormat,
            Listener listener,
            int listenerRate)
            throws Exception {
        MediaCounters counters = new MediaCounters();
        Conference conference =
                new Conference("room", counters, (c, e, k, ms) -> {}, new SplittableRandom(3), OpusCodecs.of(opus));
        CapturingTransport listenerOut = new CapturingTransport();
        InetSocketAddress talkerAddress = Packets.address(6000);
        EndpointState talker = conference.add(Packets.audio("talker", format), new CapturingTransport());
        conference.add(
                Packets.with(
                        Packets.audio("listener", listenerFormat),
                        false,
                        Direction.SENDRECV,
                        java.util.Optional.of(Packets.address(6002))),
                listenerOut);

        Random network = new Random(20261125);
        List<Arrival> arrivals = new ArrayList<>();
        int lost = 0;
        for (int k = 0; k < FRAMES; k++) {
            if (network.nextDouble() < 0.05) {
                lost++;
                continue;
            }
            arrivals.add(new Arrival(k * FRAME_NANOS + (long) (network.nextDouble() * 30_000_000L), k));
        }
        byte[][] encoded = new byte[FRAMES][];
        for (int k = 0; k < FRAMES; k++) {
            encoded[k] = payloads.frame(k); // in order, as the talker's encoder runs
        }
        arrivals.sort(Comparator.comparingLong(Arrival::atNanos));

        int next = 0;
        int reordered = 0;
        int lastFrame = -1;
        for (int tick = 0; tick < FRAMES + 10; tick++) {
            long now = tick * FRAME_NANOS;
            while (next < arrivals.size() && arrivals.get(next).atNanos() <= now) {
                Arrival a = arrivals.get(next++);
                reordered += a.frame() < lastFrame ? 1 : 0;
                lastFrame = Math.max(lastFrame, a.frame());
                byte[] packet = Packets.rtp(
                        format.payloadType(),
                        a.frame(),
                        7000 + (long) a.frame() * timestampsPerFrame,
                        9,
                        encoded[a.frame()]);
                conference.onDatagram(talker, false, packet, 0, packet.length, talkerAddress, a.atNanos());
            }
            conference.tick(now, 0L);
        }

        assertThat(lost).as("loss injected").isBetween(8, 25);
        assertThat(reordered).as("reordering injected").isPositive();
        List<CapturingTransport.Sent> heard = listenerOut.rtp();
        int longestGap = 0;
        int gap = 0;
        int audible = 0;
        for (int f = WARM_UP; f < FRAMES; f++) {
            short[] pcm = listener.decode(heard.get(f).bytes());
            boolean tone = rms(pcm) > 0.3 * 8000 / Math.sqrt(2) && Tones.share(pcm, 440, listenerRate) > 0.8;
            gap = tone ? 0 : gap + 1;
            audible += tone ? 1 : 0;
            longestGap = Math.max(longestGap, gap);
        }
        assertThat(longestGap).as("longest gap in frames").isLessThanOrEqualTo(1);
        // Loss and concealment cost some frames: at least 90 % are whole.
        assertThat(audible).isGreaterThan((FRAMES - WARM_UP) * 9 / 10);
    }

    private static double rms(short[] pcm) {
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / pcm.length);
    }
}
