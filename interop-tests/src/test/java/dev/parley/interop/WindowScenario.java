package dev.parley.interop;

import dev.parley.ua.media.video.VideoSourceSpec;
import dev.parley.ua.session.AccountStore;
import dev.parley.ua.ui.UaCommand;
import dev.parley.ua.ui.UaWindow;
import java.awt.Component;
import java.awt.Container;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;

/**
 * Runs inside an X display ({@code xvfb-run}, started by {@link UaWindowIT}): two real {@code
 * parley ua} windows, Alice's and Bob's, driven through their components as a user would
 * (type into the fields, press the buttons). Prints one {@code KEY value} line per observation
 * for the test to check; the last line is {@code DONE}. Arguments: SERVER (host:port), a work
 * directory, then the PNG files to save Bob's meeting view into.
 */
public final class WindowScenario {
    private static final long WAIT_MILLIS = 20_000;

    private WindowScenario() {}

    public static void main(String[] args) throws Exception {
        String server = args[0];
        Path dir = Path.of(args[1]);
        SwingUtilities.invokeAndWait(UaWindow::installTheme);
        UaWindow alice = window(dir.resolve("alice"), "Alice");
        UaWindow bob = window(dir.resolve("bob"), "Bob");
        println("WINDOWS open");
        try {
            signIn(alice, server, "alice", "Alice", "alice-pw");
            signIn(bob, server, "bob", "Bob", "bob-pw");

            click(alice, "create");
            String id = await("Alice's meeting ID", () -> text(alice, "meetingId"), s -> !s.isEmpty());
            println("ID " + id);

            type(bob, "joinTarget", id);
            click(bob, "join");
            await("Bob's member list", bob::memberRows, rows -> rows.size() == 2);
            await("Alice's member list", alice::memberRows, rows -> rows.size() == 2);
            println("BOB-ROWS " + String.join(" | ", edt(bob::memberRows)));
            println("ALICE-ROWS " + String.join(" | ", edt(alice::memberRows)));
            println("BOB-HOST-CONTROLS " + edt(() -> find(bob, "closeMeeting").isVisible()));
            println("ALICE-HOST-CONTROLS "
                    + edt(() -> find(alice, "closeMeeting").isVisible()));
            // Alice's test pattern arrives at Bob in a tile named after her.
            await(
                    "a named tile with Alice's video at Bob",
                    bob::tileLabels,
                    labels -> labels.stream().anyMatch(l -> l.startsWith("Alice")));
            Thread.sleep(1500); // a few more pictures, so the screenshot shows motion blur-free frames
            println("BOB-TILES " + String.join(" | ", edt(bob::tileLabels)));
            BufferedImage view = edt(() -> {
                BufferedImage image = new BufferedImage(bob.getWidth(), bob.getHeight(), BufferedImage.TYPE_INT_RGB);
                bob.getRootPane().printAll(image.getGraphics());
                return image;
            });
            for (int i = 2; i < args.length; i++) {
                Path png = Path.of(args[i]);
                Files.createDirectories(png.toAbsolutePath().getParent());
                ImageIO.write(view, "png", png.toFile());
                println("SCREENSHOT " + png);
            }

            // Bob's mic meter follows what he sends: the 440 Hz tone (peak 8000: -15 dBov, so 45 of
            // the meter's 60 dB), nothing while he is muted, the tone again after.
            println("BOB-MIC " + await("Bob's mic meter", bob::shownMicLevel, l -> l > 0));
            click(bob, "mute");
            println("BOB-MIC-MUTED " + await("Bob's mic meter muted", bob::shownMicLevel, l -> l == 0));
            click(bob, "mute");
            println("BOB-MIC-UNMUTED " + await("Bob's mic meter unmuted", bob::shownMicLevel, l -> l > 0));

            // Bob shares his screen (x11grab of this X display): a re-INVITE adds the slides stream.
            click(bob, "shareScreen");
            await(
                    "Bob's screen at Alice",
                    alice::tileLabels,
                    labels -> labels.stream().anyMatch(l -> l.startsWith("Bob's screen")));
            println("ALICE-TILES " + String.join(" | ", edt(alice::tileLabels)));
            println("ALICE-ROWS-SHARING "
                    + String.join(
                            " | ",
                            await(
                                    "Bob presenting",
                                    alice::memberRows,
                                    rows -> rows.toString().contains("presenting"))));
            // One presenter at a time: Alice's share is refused while Bob presents, in plain words.
            click(alice, "shareScreen");
            println("ALICE-SHARE-REFUSED "
                    + await("Alice's share refused", alice::shownMessage, m -> m.contains("not shared")));
            println("ALICE-SHARE-BUTTON " + edt(() -> ((AbstractButton) find(alice, "shareScreen")).isSelected()));
            click(bob, "shareScreen");
            println("ALICE-ROWS-STOPPED "
                    + String.join(
                            " | ",
                            await(
                                    "Bob not presenting",
                                    alice::memberRows,
                                    rows -> !rows.toString().contains("presenting"))));

            println("ALICE-TILES-STOPPED "
                    + String.join(
                            " | ",
                            await(
                                    "Bob's screen tile gone",
                                    alice::tileLabels,
                                    labels -> labels.stream().noneMatch(l -> l.startsWith("Bob's screen")))));

            click(bob, "leave");
            await("Bob's message after leaving", bob::shownMessage, m -> m.startsWith("You left"));
            await("Alice's member list after Bob left", alice::memberRows, rows -> rows.size() == 1);
            click(alice, "closeMeeting");
            println("ALICE-MESSAGE "
                    + await("Alice's message after closing", alice::shownMessage, m -> m.contains("ended")));
            println("DONE");
        } catch (Exception | AssertionError e) {
            println("FAILED " + e);
            e.printStackTrace();
        } finally {
            Thread closing = new Thread(() -> {
                alice.closeSession();
                bob.closeSession();
            });
            closing.start();
            closing.join(10_000);
            System.exit(0);
        }
    }

    static UaWindow window(Path accountDir, String title) throws Exception {
        AccountStore store = new AccountStore(accountDir, false);
        var starter = UaCommand.starter(
                "tone:440",
                "null",
                VideoSourceSpec.parse("testsrc"),
                VideoSourceSpec.parse("screen"),
                Optional.empty());
        return edt(() -> {
            UaWindow w = new UaWindow(starter, store);
            w.setTitle("Parley — " + title);
            w.setSize(1100, 640);
            w.setVisible(true);
            return w;
        });
    }

    static void signIn(UaWindow w, String server, String user, String name, String password) throws Exception {
        type(w, "server", server);
        type(w, "user", user);
        type(w, "password", password);
        type(w, "domain", "localhost");
        type(w, "displayName", name);
        click(w, "signIn");
        println("REGISTERED "
                + await(user + " signed in", () -> text(w, "registration"), s -> s.startsWith("Signed in")));
    }

    static void type(UaWindow w, String name, String text) throws Exception {
        edt(() -> {
            ((JTextComponent) find(w, name)).setText(text);
            return null;
        });
    }

    static void click(UaWindow w, String name) throws Exception {
        edt(() -> {
            AbstractButton b = (AbstractButton) find(w, name);
            if (!b.isEnabled() || !b.isShowing()) {
                throw new IllegalStateException(name + " cannot be pressed now");
            }
            b.doClick();
            return null;
        });
    }

    static String text(UaWindow w, String name) {
        return ((JLabel) find(w, name)).getText();
    }

    /** The component called {@code name} in the window's tree. */
    static Component find(Container root, String name) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof Container inner) {
                try {
                    return find(inner, name);
                } catch (IllegalArgumentException notThere) {
                    // keep looking
                }
            }
        }
        throw new IllegalArgumentException("no component named " + name);
    }

    /** Polls {@code value} on the event dispatch thread until {@code done}; fails after 20 s. */
    static <T> T await(String what, Supplier<T> value, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        T last = null;
        while (System.currentTimeMillis() < deadline) {
            last = edt(value::get);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        println("FAILED " + what + ": last " + last);
        throw new AssertionError(what + " not reached: " + last);
    }

    static <T> T edt(Callable<T> c) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(c.call());
            } catch (Exception e) {
                failed.set(e);
            }
        });
        if (failed.get() != null) {
            throw failed.get();
        }
        return result.get();
    }

    static void println(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
