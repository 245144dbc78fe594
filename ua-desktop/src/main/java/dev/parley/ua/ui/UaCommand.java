package dev.parley.ua.ui;

import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.media.MediaOptions;
import dev.parley.ua.media.audio.AudioStreamFactory;
import dev.parley.ua.media.video.PngRecorder;
import dev.parley.ua.media.video.VideoSettings;
import dev.parley.ua.media.video.VideoSink;
import dev.parley.ua.media.video.VideoSourceSpec;
import dev.parley.ua.media.video.VideoStreamFactory;
import dev.parley.ua.session.AccountStore;
import dev.parley.ua.session.MediaStreamFactory;
import dev.parley.ua.session.SessionConfig;
import dev.parley.ua.sip.SipSession;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.swing.SwingUtilities;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley ua}: the agent's window. The media flags are the console's, so the window runs
 * headless-friendly in tests: a tone instead of the microphone, the test pattern instead of the
 * camera, received video recorded as PNG.
 */
@Command(
        name = "parley ua",
        mixinStandardHelpOptions = true,
        description = "The Parley agent's window: sign in, create or join meetings, see, hear and share.")
public final class UaCommand implements Callable<Integer> {
    @Mixin
    MediaOptions mediaOptions = new MediaOptions("camera");

    @Option(
            names = "--account-dir",
            paramLabel = "DIR",
            description = "where the account is saved (default: ~/.config/parley)")
    @Nullable
    Path accountDir;

    public static void main(String[] args) {
        int code = new CommandLine(new UaCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("parley ua: no display to open a window on (DISPLAY is not set); try parley console");
            return 1;
        }
        SessionStarter starter;
        try {
            starter = starter(
                    mediaOptions.audioSource,
                    mediaOptions.audioSink,
                    VideoSourceSpec.parse(mediaOptions.videoSource),
                    VideoSourceSpec.parse(mediaOptions.screenSource),
                    Optional.ofNullable(mediaOptions.recordVideo));
        } catch (IllegalArgumentException e) {
            System.err.println("parley ua: " + e.getMessage());
            return 2;
        }
        AccountStore store = new AccountStore(accountDir == null ? AccountStore.defaultDir() : accountDir, true);
        SwingUtilities.invokeLater(() -> {
            UaWindow.installTheme();
            UaWindow window = new UaWindow(starter, store);
            window.setLocationByPlatform(true);
            window.addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    // Leave the meeting and unregister off the event thread, then end the process.
                    Thread quit = new Thread(
                            () -> {
                                window.closeSession();
                                System.exit(0);
                            },
                            "quit");
                    quit.start();
                }
            });
            window.setVisible(true);
        });
        return 0;
    }

    /**
     * The SIP session with audio from {@code audioSource} to {@code audioSink} and camera video
     * from {@code video}, the screen share from {@code screen} (added by re-INVITE when the user
     * shares), decoded pictures to the window (and to PNG files when {@code record}).
     */
    public static SessionStarter starter(
            String audioSource, String audioSink, VideoSourceSpec video, VideoSourceSpec screen, Optional<Path> record)
            throws IOException {
        Optional<PngRecorder> recorder =
                record.isPresent() ? Optional.of(new PngRecorder(record.get(), 3, 15)) : Optional.empty();
        new AudioStreamFactory(audioSource, audioSink, "check"); // fails now on a bad spec
        return (account, window, micLevel, listener) -> {
            String cname = account.user() + "@parley";
            VideoSink sink = recorder.isPresent() ? both(window, recorder.get()) : window;
            List<MediaStreamFactory> media = new ArrayList<>();
            media.add(new AudioStreamFactory(audioSource, audioSink, cname, micLevel));
            media.add(
                    new VideoStreamFactory(MediaKind.VIDEO, VideoSettings.camera(video, account.name(), cname, sink)));
            media.add(new VideoStreamFactory(
                    MediaKind.SLIDES, VideoSettings.screen(screen, account.name() + "'s screen", cname, sink)));
            return SipSession.start(SessionConfig.of(account, media), listener);
        };
    }

    private static VideoSink both(VideoSink a, VideoSink b) {
        return new VideoSink() {
            @Override
            public void received(MediaKind kind, long ssrc, BufferedImage picture) {
                a.received(kind, ssrc, picture);
                b.received(kind, ssrc, picture);
            }

            @Override
            public void sent(MediaKind kind, BufferedImage picture) {
                a.sent(kind, picture);
            }

            @Override
            public void ended(MediaKind kind, long ssrc) {
                a.ended(kind, ssrc);
            }
        };
    }
}
