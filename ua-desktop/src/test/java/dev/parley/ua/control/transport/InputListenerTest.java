package dev.parley.ua.control.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ua.control.hip.HipCodec;
import dev.parley.ua.control.hip.HipDrop;
import dev.parley.ua.control.hip.HipDropCounters;
import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.MouseButton;
import dev.parley.ua.control.hip.Rfc4571;
import dev.parley.ua.control.hip.ScreenSize;
import dev.parley.ua.control.input.InputApplier;
import dev.parley.ua.control.input.RecordingInjector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controlled side's listener over real loopback TCP, with the robot replaced by a recorder. */
class InputListenerTest {
    static final int PT = 100;
    static final InetAddress PEER = InetAddress.getLoopbackAddress(); // 127.0.0.1

    private final RecordingInjector injector = new RecordingInjector();
    private final HipDropCounters drops = new HipDropCounters();
    private final InputApplier applier = new InputApplier(injector, drops);
    private final CompletableFuture<StreamEnd> ended = new CompletableFuture<>();
    private final CompletableFuture<InetSocketAddress> connected = new CompletableFuture<>();
    private InputListener listener;

    @BeforeEach
    void open() throws IOException {
        listener = InputListener.open(
                new InputListener.Config(PEER, PEER, PT, new ScreenSize(800, 600), 4),
                applier,
                drops,
                new InputListener.Events() {
                    @Override
                    public void connected(InetSocketAddress from) {
                        connected.complete(from);
                    }

                    @Override
                    public void ended(StreamEnd why) {
                        ended.complete(why);
                    }
                });
    }

    @AfterEach
    void close() {
        listener.close();
    }

    private InputSender connect() throws IOException {
        return InputSender.connect(new InetSocketAddress(PEER, listener.port()), PT, Duration.ofSeconds(2), why -> {});
    }

    private static byte[] frame(HipMessage m, int payloadType) {
        byte[] f = new byte[2 + HipCodec.packetLength(m)];
        int n = HipCodec.write(m, f, 2, payloadType, 1, 1, 1);
        Rfc4571.writeLength(f, 0, n);
        return f;
    }

    @Test
    void messagesFromThePeerAreApplied() throws Exception {
        try (InputSender sender = connect()) {
            sender.send(new HipMessage.MousePressed(MouseButton.LEFT, 10, 20));
            sender.send(new HipMessage.MouseReleased(MouseButton.LEFT, 10, 20));
            sender.send(new HipMessage.MouseMoved(799, 599));
            sender.send(new HipMessage.MouseMoved(800, 0)); // outside: dropped
            sender.send(new HipMessage.KeyPressed(65));
            sender.send(new HipMessage.KeyReleased(65));
            waitFor(() -> applier.applied() == 5);
        }

        assertThat(injector.calls())
                .containsExactly(
                        "move 10,20",
                        "press button 1",
                        "move 10,20",
                        "release button 1",
                        "move 799,599",
                        "press key 65",
                        "release key 65");
        assertThat(drops.get(HipDrop.OUTSIDE_SCREEN)).isEqualTo(1);
        assertThat(connected.get(2, TimeUnit.SECONDS).getAddress()).isEqualTo(PEER);
        assertThat(ended.get(2, TimeUnit.SECONDS)).isEqualTo(StreamEnd.PEER_CLOSED);
    }

    @Test
    void aConnectionFromAnotherAddressIsClosedAndCounted() throws Exception {
        try (Socket stranger = new Socket()) {
            stranger.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            stranger.connect(new InetSocketAddress(PEER, listener.port()));
            InputStream in = stranger.getInputStream();
            stranger.setSoTimeout(2000);

            assertThat(in.read()).isEqualTo(-1); // closed by the listener
        }
        assertThat(listener.strangersRefused()).isEqualTo(1);
        assertThat(connected).isNotDone();

        try (InputSender sender = connect()) { // the peer still gets in afterwards
            sender.send(new HipMessage.KeyPressed(65));
            waitFor(() -> applier.applied() == 1);
        }
    }

    @Test
    void aSecondConnectionFromThePeerIsRefusedToo() throws Exception {
        try (InputSender first = connect();
                Socket second = new Socket(PEER, listener.port())) {
            second.setSoTimeout(2000);
            assertThat(second.getInputStream().read()).isEqualTo(-1);
            waitFor(() -> listener.strangersRefused() == 1);
            first.send(new HipMessage.KeyPressed(66));
            waitFor(() -> applier.applied() == 1);
        }
    }

    @Test
    void theEndOfTheStreamReleasesAKeyStillHeld() throws Exception {
        try (InputSender sender = connect()) {
            sender.send(new HipMessage.KeyPressed(16));
            sender.send(new HipMessage.KeyPressed(65));
            sender.send(new HipMessage.MousePressed(MouseButton.LEFT, 1, 1));
            waitFor(() -> applier.applied() == 3);
        }

        assertThat(ended.get(2, TimeUnit.SECONDS)).isEqualTo(StreamEnd.PEER_CLOSED);
        assertThat(injector.calls()).endsWith("release key 65", "release key 16", "release button 1");
        assertThat(applier.heldKeys()).isEmpty();
    }

    @Test
    void closingTheListenerMidSessionReleasesHeldKeys() throws Exception {
        try (InputSender sender = connect()) {
            sender.send(new HipMessage.KeyPressed(17));
            waitFor(() -> applier.applied() == 1);

            listener.close();

            assertThat(ended.get(2, TimeUnit.SECONDS)).isEqualTo(StreamEnd.LOCAL_STOP);
            assertThat(injector.calls()).endsWith("release key 17");
        }
    }

    @Test
    void aMalformedStreamEndsTheSessionNotTheProcess() throws Exception {
        try (Socket s = new Socket(PEER, listener.port())) {
            OutputStream out = s.getOutputStream();
            out.write(frame(new HipMessage.KeyPressed(18), PT));
            for (int i = 0; i < 4; i++) {
                out.write(frame(new HipMessage.KeyPressed(19), 96)); // wrong payload type, 4 in a row
            }
            out.flush();

            assertThat(ended.get(5, TimeUnit.SECONDS)).isEqualTo(StreamEnd.MALFORMED_STREAM);
        }
        assertThat(drops.get(HipDrop.WRONG_PAYLOAD_TYPE)).isEqualTo(4);
        assertThat(injector.calls()).containsExactly("press key 18", "release key 18");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
