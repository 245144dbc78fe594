package dev.parley.bench.mix;

import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.rtp.RtpHeaderWriter;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Load for the Opus mixing benchmark (bench/mix/opus-ramp.sh): rooms of N plain-RTP Opus
 * participants. Participant k (room-major) sends from LOCAL_ADDR:LOCAL_BASE+k to the mixer port on
 * line k of PORTS, 50 packets/s of a tone pre-encoded with concentus (one tone per seat in the
 * room, a one-second loop, 48 kHz, 20 ms frames, payload type 111), the participants' send times
 * spread over the 20 ms. It counts, per participant, the Opus packets the mixer sends back that
 * arrive inside the measured window, and reads the mixer's /metrics at the window's edges for the
 * mixes run and the mixes more than 5 ms late.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.parley.bench.mix.OpusMixLoad PORTS N SECONDS
 *     [--warmup S] [--local-addr IP] [--local-base PORT] [--metrics URL --token-file F] [--pid PID]
 * </pre>
 *
 * Prints one {@code key=value} line: participants, expected and received packets, the receive
 * rate in % and the worst participant's packets/s, the mixer's ticks and late ticks in the window,
 * the mixer's CPU (from /proc/PID/stat) and this driver's, and the driver's send lag p99.
 */
public final class OpusMixLoad {
    private static final int PT = 111;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int FRAMES_PER_LOOP = 50;
    /** Sends wait for the next due one plus at most this (timer slack, as the shared driver's). */
    private static final long QUANTUM_NANOS = 200_000L;

    private OpusMixLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: OpusMixLoad PORTS N SECONDS [--warmup S] [--local-addr IP] [--local-base PORT]"
                    + " [--metrics URL --token-file F] [--pid PID]");
            System.exit(2);
        }
        List<InetSocketAddress> targets = readPorts(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        double warmup = 2;
        String localAddr = "127.0.0.1";
        int localBase = 10000;
        @Nullable String metrics = null;
        String token = "";
        long pid = -1;
        for (int i = 3; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
                case "--local-addr" -> localAddr = args[i + 1];
                case "--local-base" -> localBase = Integer.parseInt(args[i + 1]);
                case "--metrics" -> metrics = args[i + 1];
                case "--token-file" ->
                    token = Files.readString(Path.of(args[i + 1]))
                            .strip()
                            .lines()
                            .findFirst()
                            .orElse("");
                case "--pid" -> pid = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (targets.isEmpty() || targets.size() % n != 0) {
            throw new IllegalArgumentException("PORTS must hold whole rooms of " + n + ", got " + targets.size());
        }
        new Run(targets, n, localAddr, localBase, metrics, token, pid).run(warmup, seconds);
    }

    private static List<InetSocketAddress> readPorts(Path file) throws IOException {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 1 && !f[0].isEmpty()) {
                out.add(new InetSocketAddress("127.0.0.1", Integer.parseInt(f[0])));
            } else if (f.length == 2) {
                out.add(new InetSocketAddress(f[0], Integer.parseInt(f[1])));
            }
        }
        return out;
    }

    /** One second of a tone at {@code hz} (whole cycles, so it loops), as 50 Opus payloads. */
    static byte[][] tone(int hz) throws OpusException {
        OpusEncoder encoder = new OpusEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.setBitrate(32_000);
        byte[][] frames = new byte[FRAMES_PER_LOOP][];
        short[] pcm = new short[960];
        byte[] out = new byte[1275];
        for (int f = 0; f < FRAMES_PER_LOOP; f++) {
            for (int i = 0; i < pcm.length; i++) {
                long t = (long) f * pcm.length + i;
                pcm[i] = (short) Math.round(2000 * Math.sin(2 * Math.PI * hz * t / 48000.0));
            }
            int len = encoder.encode(pcm, 0, pcm.length, out, 0, out.length);
            frames[f] = Arrays.copyOf(out, len);
        }
        return frames;
    }

    private static final class Run {
        private final List<InetSocketAddress> targets;
        private final int n;
        private final @Nullable String metrics;
        private final String token;
        private final long pid;
        private final DatagramChannel[] sockets;
        private final long[] received;
        private final byte[][][] tones;
        private volatile boolean counting;
        private volatile boolean stop;

        Run(
                List<InetSocketAddress> targets,
                int n,
                String localAddr,
                int localBase,
                @Nullable String metrics,
                String token,
                long pid)
                throws IOException, OpusException {
            this.targets = targets;
            this.n = n;
            this.metrics = metrics;
            this.token = token;
            this.pid = pid;
            this.sockets = new DatagramChannel[targets.size()];
            this.received = new long[targets.size()];
            this.tones = new byte[n][][];
            for (int seat = 0; seat < n; seat++) {
                tones[seat] = tone(300 + 100 * seat);
            }
            for (int k = 0; k < sockets.length; k++) {
                DatagramChannel c = DatagramChannel.open();
                c.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 18);
                c.bind(new InetSocketAddress(localAddr, localBase + k));
                c.configureBlocking(false);
                sockets[k] = c;
            }
        }

        void run(double warmup, double seconds) throws Exception {
            Selector selector = Selector.open();
            for (int k = 0; k < sockets.length; k++) {
                sockets[k].register(selector, SelectionKey.OP_READ, k);
            }
            Thread receiver = new Thread(() -> receive(selector), "opus-load-rx");
            receiver.start();
            long[] lags = new long[(int) ((warmup + seconds + 1) * 50 * sockets.length) + 16];
            int[] lagCount = {0};
            Thread sender = new Thread(() -> send(warmup + seconds, lags, lagCount), "opus-load-tx");
            long cpu0 = processCpuNanos();
            sender.start();
            Thread.sleep((long) (warmup * 1000));
            long[] m0 = readMetrics();
            long mixerCpu0 = mixerCpuTicks();
            long driverCpu0 = processCpuNanos();
            counting = true;
            long start = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            counting = false;
            double window = (System.nanoTime() - start) / 1e9;
            long[] m1 = readMetrics();
            long mixerCpu1 = mixerCpuTicks();
            long driverCpu1 = processCpuNanos();
            sender.join();
            stop = true;
            receiver.join();
            selector.close();
            for (DatagramChannel c : sockets) {
                c.close();
            }

            long total = 0;
            double worst = Double.MAX_VALUE;
            for (long r : received) {
                total += r;
                worst = Math.min(worst, r / window);
            }
            double expected = sockets.length * 50 * window;
            long[] sorted = Arrays.copyOf(lags, lagCount[0]);
            Arrays.sort(sorted);
            long lagP99 = sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)];
            System.out.println(String.format(
                    Locale.ROOT,
                    "participants=%d rooms=%d window_s=%.2f expected=%.0f received=%d rx_pct=%.3f worst_pps=%.2f"
                            + " ticks=%d late_ticks=%d mixer_cpu_pct=%.1f driver_cpu_pct=%.1f send_lag_p99_us=%d",
                    sockets.length,
                    sockets.length / n,
                    window,
                    expected,
                    total,
                    100.0 * total / expected,
                    worst,
                    m1[0] - m0[0],
                    m1[1] - m0[1],
                    mixerCpu0 < 0 ? -1.0 : (mixerCpu1 - mixerCpu0) * 100.0 / 100 / window,
                    (driverCpu1 - driverCpu0) / 1e7 / window,
                    lagP99 / 1000));
            if (cpu0 < 0) {
                System.err.println("driver CPU unknown");
            }
        }

        private void send(double seconds, long[] lags, int[] lagCount) {
            int p = sockets.length;
            byte[] packet = new byte[12 + 1275];
            ByteBuffer out = ByteBuffer.wrap(packet);
            long t0 = System.nanoTime() + 10_000_000L;
            long frames = (long) (seconds * 50);
            for (long f = 0; f < frames && !stop; f++) {
                for (int k = 0; k < p; k++) {
                    long due = t0 + f * FRAME_NANOS + k * FRAME_NANOS / p;
                    long now = System.nanoTime();
                    if (due - now > QUANTUM_NANOS) {
                        LockSupport.parkNanos(due - now);
                        now = System.nanoTime();
                    }
                    if (lagCount[0] < lags.length) {
                        lags[lagCount[0]++] = Math.max(0, now - due);
                    }
                    byte[] payload = tones[k % n][(int) (f % FRAMES_PER_LOOP)];
                    int header = RtpHeaderWriter.writeFixed(
                            packet, 0, false, PT, (int) (f & 0xFFFF), f * 960, 0x4f500000L + k);
                    System.arraycopy(payload, 0, packet, header, payload.length);
                    out.clear().limit(header + payload.length);
                    try {
                        sockets[k].send(out, targets.get(k));
                    } catch (IOException e) {
                        // counted as not received on the other side
                    }
                }
            }
        }

        private void receive(Selector selector) {
            ByteBuffer in = ByteBuffer.allocate(2048);
            byte[] buf = in.array();
            try {
                while (!stop) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        int k = (Integer) key.attachment();
                        DatagramChannel c = (DatagramChannel) key.channel();
                        while (true) {
                            in.clear();
                            if (c.receive(in) == null) {
                                break;
                            }
                            if (counting && in.position() > 12 && RtpHeader.payloadType(buf, 0) == PT) {
                                received[k]++;
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                System.err.println("receive failed: " + e);
            }
        }

        /** The mixer's mix ticks and late mix ticks so far, or zeros without --metrics. */
        private long[] readMetrics() throws IOException, InterruptedException {
            String url = metrics;
            if (url == null) {
                return new long[2];
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .build();
            String body = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString())
                    .body();
            return new long[] {
                series(body, "parley_mixer_mix_ticks_total"), series(body, "parley_mixer_mix_ticks_late_total")
            };
        }

        private static long series(String body, String name) {
            Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)").matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        /** utime + stime of the mixer process in clock ticks (100 per second), or -1. */
        private long mixerCpuTicks() {
            if (pid < 0) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private static long processCpuNanos() {
            java.lang.management.OperatingSystemMXBean os =
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        }
    }
}
