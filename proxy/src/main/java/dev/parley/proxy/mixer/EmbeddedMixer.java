package dev.parley.proxy.mixer;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mixer {@code parley server} starts when no {@code --mixer} is configured (DESIGN.md): the
 * same {@code parley mixer} daemon in its own JVM, on a free control port with a fresh token,
 * its log in {@code DATA/mixer.log}. Closing it stops the child with SIGTERM; so does this
 * JVM's death, however it dies.
 */
public final class EmbeddedMixer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMixer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final URI control;
    private final String token;

    private EmbeddedMixer(Process process, URI control, String token) {
        this.process = process;
        this.control = control;
        this.token = token;
    }

    /**
     * Starts the child and waits until its {@code /health} answers.
     *
     * @param rtpBind the address media sockets bind to
     * @param rtpPorts the media port range, {@code FIRST-LAST}
     * @param realtimePriority the mixer's {@code --realtime-priority}: 1-99 puts its media workers
     *     in SCHED_FIFO, 0 leaves them in normal scheduling
     */
    public static EmbeddedMixer start(Path data, String rtpBind, String rtpPorts, int realtimePriority)
            throws IOException, MixerUnavailableException {
        Files.createDirectories(data);
        String token = newToken();
        Path tokenFile = data.resolve("mixer.token");
        Files.deleteIfExists(tokenFile);
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, token + "\n", StandardCharsets.UTF_8);
        int port = freePort();
        // A small sh parent holds the mixer: it stops the mixer when this JVM closes its stdin,
        // which the kernel does when this JVM dies for any reason, kill -9 included.
        List<String> command = new ArrayList<>(List.of(
                "/bin/sh",
                "-c",
                "\"$@\" </dev/null & child=$!; trap 'kill $child; wait $child; exit 0' TERM;"
                        + " read _ignored; kill $child; wait $child",
                "parley-mixer",
                javaBinary(),
                "-cp",
                classPath(),
                "dev.parley.mixer.MixerCommand",
                "--control",
                "127.0.0.1:" + port,
                "--rtp-bind",
                rtpBind,
                "--rtp-ports",
                rtpPorts,
                "--token-file",
                tokenFile.toString()));
        if (realtimePriority > 0) {
            command.addAll(List.of("--realtime-priority", Integer.toString(realtimePriority)));
        }
        Path log = data.resolve("mixer.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        URI control = URI.create("http://127.0.0.1:" + port);
        EmbeddedMixer mixer = new EmbeddedMixer(process, control, token);
        try {
            mixer.awaitHealthy();
        } catch (MixerUnavailableException e) {
            mixer.close();
            throw e;
        }
        LOG.info("mixer started in its own JVM, control {}, log {}", control, log);
        return mixer;
    }

    public URI control() {
        return control;
    }

    public String token() {
        return token;
    }

    private void awaitHealthy() throws MixerUnavailableException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new MixerUnavailableException("the mixer exited with " + process.exitValue() + "; see mixer.log");
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(control.resolve("/health"))
                                .timeout(Duration.ofSeconds(1))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MixerUnavailableException("interrupted while the mixer started", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MixerUnavailableException("interrupted while the mixer started", e);
            }
        }
        throw new MixerUnavailableException(
                "the mixer did not answer /health within " + START_TIMEOUT.toSeconds() + " s");
    }

    private static String newToken() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The mixer module's jar and its {@code target/lib}, found beside this jar in the source
     * tree ({@code PARLEY_HOME} overrides, as the launcher sets it).
     */
    private static String classPath() throws IOException {
        Path home =
                Optional.ofNullable(System.getenv("PARLEY_HOME")).map(Path::of).orElseGet(EmbeddedMixer::homeFromJar);
        Path target = home.resolve("mixer").resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "mixer-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().endsWith("-tests.jar")) {
                    return jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
                }
            }
        } catch (IOException e) {
            throw new IOException("no mixer build under " + target + ": run ./parley build", e);
        }
        throw new IOException("no mixer jar in " + target + ": run ./parley build");
    }

    private static Path homeFromJar() {
        try {
            Path here = Path.of(EmbeddedMixer.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // .../proxy/target/proxy-VERSION.jar or .../proxy/target/classes
            Path home = here.toAbsolutePath();
            for (int up = 0; up < 3 && home != null; up++) {
                home = home.getParent();
            }
            return home == null ? Path.of(".") : home;
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(".");
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the shell is gone already; destroy below makes sure
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
