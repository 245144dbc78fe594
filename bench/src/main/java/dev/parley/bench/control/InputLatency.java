package dev.parley.bench.control;

import dev.parley.ua.control.hip.HipDropCounters;
import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.ScreenSize;
import dev.parley.ua.control.input.InputApplier;
import dev.parley.ua.control.input.InputInjector;
import dev.parley.ua.control.input.RobotInjector;
import dev.parley.ua.control.transport.InputListener;
import dev.parley.ua.control.transport.InputSender;
import dev.parley.ua.control.transport.StreamEnd;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Remote-control input latency on loopback: from the moment the controller's view hands a
 * pointer event to {@link InputSender#send} to the moment the controlled side's injector has acted
 * on it (with {@code --robot}: {@code java.awt.Robot.mouseMove} has returned on the display in
 * {@code DISPLAY}; without: the injector is reached). The real sender, TCP on loopback, RFC 4571
 * deframer, HIP decoder and applier are on the path. Each MouseMoved carries its index in its
 * coordinates, so its send time is looked up at injection.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.parley.bench.control.InputLatency [--robot] [events] [interval-µs]</pre>
 */
public final class InputLatency {
    private InputLatency() {}

    public static void main(String[] args) throws Exception {
        boolean robot = Arrays.asList(args).contains("--robot");
        String[] numbers = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        int events = numbers.length > 0 ? Integer.parseInt(numbers[0]) : 20_000;
        long intervalNanos = (numbers.length > 1 ? Long.parseLong(numbers[1]) : 1000) * 1000;
        int warmup = events / 5;

        ScreenSize screen = new ScreenSize(1280, 720);
        long[] sentAt = new long[events];
        long[] latency = new long[events];
        CountDownLatch done = new CountDownLatch(events);
        InputInjector target = robot ? RobotInjector.forDefaultScreen() : null;
        InputInjector timing = new InputInjector() {
            @Override
            public void mouseMove(int x, int y) {
                if (target != null) {
                    target.mouseMove(x, y);
                }
                int i = y * screen.width() + x;
                if (i < events) {
                    latency[i] = System.nanoTime() - sentAt[i];
                    done.countDown();
                }
            }

            @Override
            public void mousePress(int button) {}

            @Override
            public void mouseRelease(int button) {}

            @Override
            public void mouseWheel(int notches) {}

            @Override
            public void keyPress(int keyCode) {}

            @Override
            public void keyRelease(int keyCode) {}
        };
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HipDropCounters drops = new HipDropCounters();
        try (InputListener listener = InputListener.open(
                        new InputListener.Config(loopback, loopback, 100, screen, 16),
                        new InputApplier(timing, drops),
                        drops,
                        new InputListener.Events() {
                            @Override
                            public void connected(InetSocketAddress from) {}

                            @Override
                            public void ended(StreamEnd why) {}
                        });
                InputSender sender = InputSender.connect(
                        new InetSocketAddress(loopback, listener.port()), 100, Duration.ofSeconds(5), why -> {})) {
            long next = System.nanoTime();
            for (int i = 0; i < events; i++) {
                next += intervalNanos;
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(Math.max(1, (next - System.nanoTime()) / 2));
                }
                sentAt[i] = System.nanoTime();
                sender.send(new HipMessage.MouseMoved(i % screen.width(), i / screen.width()));
            }
            if (!done.await(30, TimeUnit.SECONDS)) {
                System.out.printf("only %d of %d events arrived%n", events - done.getCount(), events);
            }
        }
        long[] measured = Arrays.copyOfRange(latency, warmup, events);
        Arrays.sort(measured);
        System.out.printf(
                "input event to injection (%s), %d events every %d µs after %d warm-up: p50 %.1f µs, p99 %.1f µs, max %.1f µs; drops %s%n",
                robot ? "java.awt.Robot on " + System.getenv("DISPLAY") : "injector reached",
                measured.length,
                intervalNanos / 1000,
                warmup,
                measured[measured.length / 2] / 1000.0,
                measured[(int) (measured.length * 0.99)] / 1000.0,
                measured[measured.length - 1] / 1000.0,
                drops.snapshot());
    }
}
