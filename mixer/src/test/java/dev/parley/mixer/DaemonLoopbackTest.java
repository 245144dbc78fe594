package dev.parley.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.g711.MuLaw;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.rtp.RtpHeaderWriter;
import dev.parley.mixer.audio.Goertzel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon in a child JVM, real UDP on 127.0.0.1: three participants send 440, 660 and
 * 880 Hz in PCMU; each must hear the other two and never itself. Then SIGTERM stops it cleanly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DaemonLoopbackTest {
    private static final String TOKEN = "loopback-token";
    private static final int FRAMES = 100;
    private static final Pattern LISTENING = Pattern.compile("mixer listening: control=127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path output = Path.of("daemon.log");
    private volatile boolean sendingDone;

    @Test
    void threeTonesEachHearTheOtherTwoAndNeverThemselves() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        output = dir.resolve("daemon.log");
        Process daemon = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        MixerCommand.class.getName(),
                        "--control",
                        "127.0.0.1:0",
                        "--rtp-bind",
                        "127.0.0.1",
                        "--rtp-ports",
                        "43000-43999",
                        "--token-file",
                        token.toString(),
                        "--workers",
                        "2")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            int control = awaitControlPort();

            assertThat(call(control, "PUT", "/v1/conferences/tones", "")).isEqualTo(201);
            double[] tones = {440, 660, 880};
            List<DatagramSocket> sockets = new ArrayList<>();
            List<InetSocketAddress> mixerPorts = new ArrayList<>();
            for (int i = 0; i < tones.length; i++) {
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                socket.setSoTimeout(200);
                sockets.add(socket);
                String body = "{\"formats\":[{\"payloadType\":0,\"encoding\":\"PCMU\",\"clockRate\":8000}],"
                        + "\"remoteRtp\":\"127.0.0.1:" + socket.getLocalPort() + "\"}";
                String answer = body(control, "PUT", "/v1/conferences/tones/endpoints/p" + i, body);
                int port = Integer.parseInt(answer.replaceAll(".*\"rtpPort\":(\\d+).*", "$1"));
                mixerPorts.add(new InetSocketAddress("127.0.0.1", port));
            }

            List<List<short[]>> heard = new ArrayList<>();
            List<Thread> receivers = new ArrayList<>();
            for (DatagramSocket socket : sockets) {
                List<short[]> frames = new CopyOnWriteArrayList<>();
                heard.add(frames);
                Thread t = new Thread(() -> receive(socket, frames));
                t.start();
                receivers.add(t);
            }
            send(sockets, mixerPorts, tones);
            sendingDone = true;
            for (Thread t : receivers) {
                t.join(5_000);
            }

            for (int i = 0; i < tones.length; i++) {
                short[] pcm = lastFrames(heard.get(i), 40);
                for (int j = 0; j < tones.length; j++) {
                    double share = Goertzel.share(pcm, 0, pcm.length, tones[j], 8000);
                    if (i == j) {
                        assertThat(share).as("p%d hears itself", i).isLessThan(0.02);
                    } else {
                        assertThat(share).as("p%d hears p%d", i, j).isGreaterThan(0.2);
                    }
                }
            }
            String metrics = body(control, "GET", "/metrics", "");
            assertThat(metrics).containsPattern("parley_mixer_packets_in_total [1-9]\\d*");
            sockets.forEach(DatagramSocket::close);

            daemon.destroy(); // SIGTERM
            assertThat(daemon.waitFor(10, TimeUnit.SECONDS))
                    .as("stops on SIGTERM")
                    .isTrue();
            // The JVM reports a stop by SIGTERM as 143 (128 + 15) after its shutdown hooks ran.
            assertThat(daemon.exitValue()).isIn(0, 143);
            List<String> log = Files.readAllLines(output);
            assertThat(log).as("daemon output %s", log).anyMatch(line -> line.contains("mixer stopped"));
        } finally {
            daemon.destroyForcibly();
        }
    }

    /** Each participant sends one 20 ms PCMU frame of its tone every 20 ms. */
    private static void send(List<DatagramSocket> sockets, List<InetSocketAddress> to, double[] tones)
            throws Exception {
        byte[] packet = new byte[12 + 160];
        long start = System.nanoTime();
        for (int k = 0; k < FRAMES; k++) {
            for (int i = 0; i < sockets.size(); i++) {
                RtpHeaderWriter.writeFixed(packet, 0, false, 0, k, 1000 + k * 160L, 0x1000 + i);
                MuLaw.encode(Goertzel.tone(tones[i], 8000, k * 160L), 0, packet, 12, 160);
                sockets.get(i).send(new DatagramPacket(packet, packet.length, to.get(i)));
            }
            long next = start + (k + 1) * 20_000_000L;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    /** Collects decoded frames in arrival order (loopback keeps order) until the senders are done. */
    private void receive(DatagramSocket socket, List<short[]> frames) {
        byte[] buf = new byte[1500];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FRAMES / 50 + 10);
        while (System.nanoTime() < deadline && !sendingDone) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (java.io.IOException e) {
                return;
            }
            if (p.getLength() == 12 + 160 && RtpHeader.payloadType(buf, 0) == 0) {
                short[] pcm = new short[160];
                MuLaw.decode(buf, 12, pcm, 0, 160);
                frames.add(pcm);
            }
        }
    }

    /** The {@code count} frames before the last few (the mixer's jitter buffers lag the senders). */
    private static short[] lastFrames(List<short[]> frames, int count) {
        assertThat(frames).as("frames received").hasSizeGreaterThan(count + 5);
        List<short[]> window = frames.subList(frames.size() - count - 5, frames.size() - 5);
        short[] pcm = new short[count * 160];
        for (int f = 0; f < count; f++) {
            System.arraycopy(window.get(f), 0, pcm, f * 160, 160);
        }
        return pcm;
    }

    private int awaitControlPort() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(output)) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("daemon did not start; its output: " + Files.readAllLines(output));
    }

    private int call(int port, String method, String path, String body) throws Exception {
        return exchange(port, method, path, body).statusCode();
    }

    private String body(int port, String method, String path, String body) throws Exception {
        HttpResponse<String> response = exchange(port, method, path, body);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response.body();
    }

    private HttpResponse<String> exchange(int port, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN)
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
