package dev.parley.bench.mix;

import dev.parley.mixer.audio.AudioCodec;
import dev.parley.mixer.audio.OpusCodecs;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one Opus participant costs the mixer every 20 ms, through the mixer's own codec
 * ({@link OpusCodecs}): decode one packet a softphone sent (48 kHz, 20 ms, a voice-band tone
 * mixture, pre-encoded) to the 16 kHz mix rate, and encode one 20 ms mix frame for it. At 50
 * frames a second, one operation's time × 50 is the share of a core per participant.
 *
 * <pre>
 * ./mvnw -B -ntp -q package -pl mixer,bench -am -DskipTests
 * java -jar bench/target/benchmarks.jar OpusCodecBenchmark -f1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OpusCodecBenchmark {
    /** Distinct packets cycled through, one second of talk. */
    private static final int PACKETS = 50;

    private static final int MIX_FRAME = AudioCodec.WIDEBAND / AudioCodec.FRAMES_PER_SECOND;

    @Param({"libopus", "concentus"})
    public String implementation = "libopus";

    @SuppressWarnings("NullAway.Init") // made in setUp, which JMH runs before any benchmark call
    private AudioCodec codec;

    private final byte[][] packets = new byte[PACKETS][];
    private final short[][] mixes = new short[PACKETS][];
    private final short[] decoded = new short[120 * AudioCodec.WIDEBAND / 1000];
    private final byte[] out = new byte[1500];
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws OpusException {
        codec = OpusCodecs.of(OpusCodecs.Choice.parse(implementation)).create();
        // The softphone's side, as bench/mix's load sends it: concentus at 48 kHz, VoIP mode.
        OpusEncoder phone = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        byte[] buf = new byte[1275];
        for (int k = 0; k < PACKETS; k++) {
            int n = phone.encode(voice(48_000, 960, k), 0, 960, buf, 0, buf.length);
            packets[k] = Arrays.copyOf(buf, n);
            mixes[k] = voice(AudioCodec.WIDEBAND, MIX_FRAME, k + 7);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        codec.close();
    }

    /** Frame {@code k} of a 220/660/1400 Hz mixture at {@code rate}: a voice-like spread of energy. */
    private static short[] voice(int rate, int samples, int k) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) ((long) k * samples + i) / rate;
            pcm[i] = (short) (4000 * Math.sin(2 * Math.PI * 220 * t)
                    + 2500 * Math.sin(2 * Math.PI * 660 * t)
                    + 1200 * Math.sin(2 * Math.PI * 1400 * t));
        }
        return pcm;
    }

    /** One participant's 20 ms: its packet decoded, its mix encoded; returns the bytes written. */
    @Benchmark
    public int decodeAndEncodeOneFrame() {
        int k = next;
        next = (k + 1) % PACKETS;
        byte[] packet = packets[k];
        int samples = codec.decode(packet, 0, packet.length, decoded);
        return samples + codec.encode(mixes[k], MIX_FRAME, out, 0, out.length);
    }
}
