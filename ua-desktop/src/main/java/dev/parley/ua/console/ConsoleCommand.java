package dev.parley.ua.console;

import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.media.MediaOptions;
import dev.parley.ua.media.audio.AudioStreamFactory;
import dev.parley.ua.media.video.PngRecorder;
import dev.parley.ua.media.video.VideoSettings;
import dev.parley.ua.media.video.VideoSink;
import dev.parley.ua.media.video.VideoSourceSpec;
import dev.parley.ua.media.video.VideoStreamFactory;
import dev.parley.ua.session.Account;
import dev.parley.ua.session.AccountStore;
import dev.parley.ua.session.HostAction;
import dev.parley.ua.session.MediaStreamFactory;
import dev.parley.ua.session.RosterMember;
import dev.parley.ua.session.SessionConfig;
import dev.parley.ua.session.SessionEvent;
import dev.parley.ua.sip.SipSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley console}: the desktop agent without a window. Registers, then reads the menu's
 * commands from stdin (so scripts and tests can drive it) and prints one line per event on
 * stdout; logs go to stderr. End of input leaves the meeting, unregisters and exits.
 */
@Command(
        name = "parley console",
        mixinStandardHelpOptions = true,
        description = "The Parley agent on the console: commands on stdin, one line per event on stdout.")
public final class ConsoleCommand implements Callable<Integer> {
    @Option(names = "--server", paramLabel = "HOST:PORT", description = "the SIP server (default: the saved account's)")
    String server = "";

    @Option(names = "--user", paramLabel = "NAME", description = "the account's user (default: the saved account's)")
    String user = "";

    @Option(names = "--password-stdin", description = "read the password from the first line of stdin")
    boolean passwordStdin;

    @Option(names = "--display-name", paramLabel = "NAME", description = "the name others see (default: the user)")
    String displayName = "";

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "the SIP domain (default: ${DEFAULT-VALUE})")
    String domain = "localhost";

    @Mixin
    MediaOptions mediaOptions = new MediaOptions("none");

    @Option(names = "--sip-port", paramLabel = "PORT", description = "local SIP port (default: any free one)")
    int sipPort;

    @Option(
            names = "--local-address",
            paramLabel = "ADDRESS",
            description = "address to bind and advertise (default: the one toward the server)")
    String localAddress = "";

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final Map<MediaKind, Boolean> sending = new EnumMap<>(MediaKind.class);
    /** As the session last said (its events thread writes, the stdin thread reads). */
    private volatile boolean sharingScreen;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConsoleCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Account account;
        List<MediaStreamFactory> media = new ArrayList<>();
        try {
            account = account(stdin);
            String cname = account.user() + "@parley";
            media.add(new AudioStreamFactory(mediaOptions.audioSource, mediaOptions.audioSink, cname));
            VideoSourceSpec video = VideoSourceSpec.parse(mediaOptions.videoSource);
            VideoSourceSpec screen = VideoSourceSpec.parse(mediaOptions.screenSource);
            Path record = mediaOptions.recordVideo;
            VideoSink sink = record == null ? VideoSink.none() : new PngRecorder(record, 3, 15);
            if (video.kind() != VideoSourceSpec.Kind.NONE || record != null) {
                media.add(new VideoStreamFactory(
                        MediaKind.VIDEO, VideoSettings.camera(video, account.name(), cname, sink)));
            }
            // Always offered (receive-only until "share screen"), so the menu's share screen works.
            media.add(new VideoStreamFactory(
                    MediaKind.SLIDES, VideoSettings.screen(screen, account.name() + "'s screen", cname, sink)));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("parley console: " + e.getMessage());
            return 2;
        }
        SipSession session;
        try {
            session = SipSession.start(
                    new SessionConfig(
                            account,
                            media,
                            sipPort,
                            localAddress.isEmpty() ? Optional.empty() : Optional.of(localAddress)),
                    this::print);
        } catch (IOException e) {
            System.err.println("parley console: " + e.getMessage());
            return 1;
        }
        // SIGTERM (or Ctrl-C) leaves the meeting and unregisters like the end of input does.
        ConsoleRemote remote = ConsoleRemote.start(session, out);
        Thread hook = new Thread(
                () -> {
                    remote.close();
                    session.close();
                },
                "console-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.register();
            Menu.lines(false).forEach(out::println);
            String line;
            while ((line = stdin.readLine()) != null) {
                if (remote.handle(line)) {
                    continue;
                }
                if (!run(session, remote, Menu.parse(line, session.meetingId().isPresent()))) {
                    break;
                }
            }
        } finally {
            remote.close();
            session.close();
        }
        return 0;
    }

    private void print(SessionEvent e) {
        if (e instanceof SessionEvent.ScreenShareChanged c) {
            sharingScreen = c.sharing();
        } else if (e instanceof SessionEvent.MeetingJoined) {
            sharingScreen = false;
        }
        EventLines.of(e).ifPresent(out::println);
        if (e instanceof SessionEvent.MeetingJoined) {
            Menu.lines(true).forEach(out::println);
        } else if (e instanceof SessionEvent.MeetingEnded || e instanceof SessionEvent.MeetingLeft) {
            Menu.lines(false).forEach(out::println);
        }
    }

    /** Runs one command; false to stop. */
    private boolean run(SipSession session, ConsoleRemote remote, MenuCommand c) {
        if (c instanceof MenuCommand.Create) {
            session.createMeeting();
        } else if (c instanceof MenuCommand.Join j) {
            session.join(j.meeting());
        } else if (c instanceof MenuCommand.Leave) {
            session.leave();
        } else if (c instanceof MenuCommand.Members) {
            out.println(EventLines.members(session.roster().members()));
        } else if (c instanceof MenuCommand.Close) {
            session.control(new HostAction.Close());
        } else if (c instanceof MenuCommand.Lock l) {
            session.control(new HostAction.Lock(l.locked()));
        } else if (c instanceof MenuCommand.Mute m) {
            member(session, m.member()).ifPresent(u -> session.control(new HostAction.Mute(u.entity(), m.muted())));
        } else if (c instanceof MenuCommand.Kick k) {
            member(session, k.member()).ifPresent(u -> session.control(new HostAction.Kick(u.entity())));
        } else if (c instanceof MenuCommand.Share s) {
            share(session, s.what());
        } else if (c instanceof MenuCommand.Control k) {
            controlTarget(session, k.what()).ifPresent(remote::control);
        } else if (c instanceof MenuCommand.Click k) {
            remote.click(k.x(), k.y());
        } else if (c instanceof MenuCommand.Type t) {
            remote.type(t.text());
        } else if (c instanceof MenuCommand.Keys k) {
            k.keys().chars().forEach(ch -> session.sendDtmf((char) ch));
        } else if (c instanceof MenuCommand.Help) {
            Menu.lines(session.meetingId().isPresent()).forEach(out::println);
        } else if (c instanceof MenuCommand.Quit) {
            return false;
        } else if (c instanceof MenuCommand.Unknown u) {
            out.println(u.message());
        }
        return true;
    }

    private void share(SipSession session, String what) {
        if (what.equals("screen")) {
            // The session re-INVITEs; "sharing your screen" or "screen share refused: …" follows.
            session.setSending(MediaKind.SLIDES, !sharingScreen);
            return;
        }
        MediaKind kind = what.equals("audio") ? MediaKind.AUDIO : MediaKind.VIDEO;
        boolean on = !sending.getOrDefault(kind, true);
        sending.put(kind, on);
        session.setSending(kind, on);
        out.println((on ? "sharing " : "stopped sharing ") + what);
    }

    /**
     * Whom {@code control NAME} asks: a SIP address as given, else (in a meeting) the member of that
     * name; the menu's {@code other} and {@code mine} say how.
     */
    private Optional<ConsoleRemote.Target> controlTarget(SipSession session, String name) {
        if (name.equals("other")) {
            out.println("control NAME: whose screen? "
                    + EventLines.members(session.roster().members()));
            return Optional.empty();
        }
        if (name.equals("mine")) {
            out.println("others ask with control " + session.account().name()
                    + "; you answer allow or decline, and stop ends it");
            return Optional.empty();
        }
        if (name.matches("(?i)sips?:.+@.+")) {
            return Optional.of(new ConsoleRemote.Target(name, name));
        }
        if (session.meetingId().isEmpty()) {
            out.println(
                    name.contains("@")
                            ? "a SIP address starts with sip: (control sip:" + name + ")"
                            : "outside a meeting, control takes a SIP address: control sip:" + name + "@"
                                    + session.account().domain());
            return Optional.empty();
        }
        Optional<RosterMember> m = member(session, name);
        if (m.isPresent() && m.get().entity().equalsIgnoreCase(session.account().aor())) {
            out.println("that is you: control another member");
            return Optional.empty();
        }
        return m.map(x -> new ConsoleRemote.Target(x.entity(), x.name()));
    }

    /** The member a name means: display name, user part or URI, ignoring case. */
    private Optional<RosterMember> member(SipSession session, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (RosterMember m : session.roster().members()) {
            String entity = m.entity().toLowerCase(Locale.ROOT);
            String user = entity.replaceFirst("^sips?:", "").replaceFirst("@.*$", "");
            if (m.name().toLowerCase(Locale.ROOT).equals(n) || entity.equals(n) || user.equals(n)) {
                return Optional.of(m);
            }
        }
        out.println("no member \"" + name + "\": "
                + EventLines.members(session.roster().members()));
        return Optional.empty();
    }

    private Account account(BufferedReader stdin) throws IOException {
        if (passwordStdin) {
            if (server.isEmpty() || user.isEmpty()) {
                throw new IllegalArgumentException("--password-stdin needs --server and --user");
            }
            String password = stdin.readLine();
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("no password on stdin");
            }
            return new Account(server, user, password, displayName, domain);
        }
        Optional<Account> saved = new AccountStore(AccountStore.defaultDir(), true).load();
        if (saved.isEmpty()) {
            throw new IllegalArgumentException(
                    "no saved account: give --server, --user and --password-stdin (or save one in ./parley ua)");
        }
        Account a = saved.get();
        if (!server.isEmpty() && !server.equals(a.server()) || !user.isEmpty() && !user.equals(a.user())) {
            throw new IllegalArgumentException("the saved account is " + a.aor() + " via " + a.server()
                    + "; for another one give --password-stdin");
        }
        return new Account(
                a.server(), a.user(), a.password(), displayName.isEmpty() ? a.displayName() : displayName, a.domain());
    }
}
