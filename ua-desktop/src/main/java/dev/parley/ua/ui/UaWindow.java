package dev.parley.ua.ui;

import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.control.ControlAgent;
import dev.parley.ua.control.ControlledSide;
import dev.parley.ua.control.swing.ControllerWindow;
import dev.parley.ua.control.swing.SwingControlUi;
import dev.parley.ua.media.video.VideoSettings;
import dev.parley.ua.media.video.VideoSink;
import dev.parley.ua.media.video.VideoSourceSpec;
import dev.parley.ua.media.video.VideoStreamFactory;
import dev.parley.ua.session.Account;
import dev.parley.ua.session.AccountStore;
import dev.parley.ua.session.HostAction;
import dev.parley.ua.session.RegistrationState;
import dev.parley.ua.session.RosterMember;
import dev.parley.ua.session.Session;
import dev.parley.ua.session.SessionEvent;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.jspecify.annotations.Nullable;

/**
 * The {@code parley ua} window. Every control acts through the {@link Session} (which never
 * blocks); every change comes back as a {@link SessionEvent} and is shown on the event dispatch
 * thread. Errors are shown in plain words in the message line. Components carry names
 * ({@code setName}) so tests and accessibility tools can find them.
 */
public final class UaWindow extends JFrame {
    private static final long serialVersionUID = 1L;
    /** The mic meter's range: the top 60 dB below full scale (quieter shows as nothing). */
    private static final int METER_DB = 60;

    private final transient SessionStarter starter;
    private final transient AccountStore store;
    private transient @Nullable Session session;
    private transient @Nullable Account account;
    private transient @Nullable ControlAgent control;

    private final JTextField server = field("server", 14);
    private final JTextField user = field("user", 8);
    private final JPasswordField password = new JPasswordField(8);
    private final JTextField domain = field("domain", 8);
    private final JTextField displayName = field("displayName", 8);
    private final JButton signIn = button("signIn", "Sign in");
    private final JLabel registration = label("registration", "Not signed in");
    private final JButton create = button("create", "Create meeting");
    private final JLabel meetingId = label("meetingId", "");
    private final JButton copyId = button("copyId", "Copy");
    private final JTextField joinTarget = field("joinTarget", 12);
    private final JButton join = button("join", "Join");
    private final VideoGrid grid = new VideoGrid();
    private final MemberList members;
    private final JProgressBar micLevel = new JProgressBar(0, METER_DB);
    private final JToggleButton mute = toggle("mute", "Mute");
    private final JToggleButton stopVideo = toggle("stopVideo", "Stop video");
    private final JToggleButton shareScreen = toggle("shareScreen", "Share screen");
    private final JButton leave = button("leave", "Leave");
    private final JToggleButton lock = toggle("lock", "Lock");
    private final JButton closeMeeting = button("closeMeeting", "Close meeting");
    private final JLabel message = label("message", " ");

    public UaWindow(SessionStarter starter, AccountStore store) {
        super("Parley");
        this.starter = starter;
        this.store = store;
        this.members = new MemberList(this::isHost, this::control, this::requestControl);
        password.setName("password");
        micLevel.setName("micLevel");
        micLevel.setPreferredSize(new Dimension(80, 12));
        micLevel.setToolTipText("microphone level");
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        setContentPane(layoutContent());
        wireActions();
        prefill();
        inMeeting(false);
        setSize(1024, 640);
    }

    private JPanel layoutContent() {
        JPanel accountRow = row(
                new JLabel("Server"),
                server,
                new JLabel("User"),
                user,
                new JLabel("Password"),
                password,
                new JLabel("Domain"),
                domain,
                new JLabel("Name"),
                displayName,
                signIn,
                registration);
        JPanel meetingRow =
                row(create, new JLabel("Meeting"), meetingId, copyId, new JLabel("Join ID or URI"), joinTarget, join);
        JPanel top = new JPanel(new BorderLayout());
        top.add(accountRow, BorderLayout.NORTH);
        top.add(meetingRow, BorderLayout.SOUTH);

        JScrollPane memberPane = new JScrollPane(members);
        memberPane.setBorder(BorderFactory.createTitledBorder("Members"));
        memberPane.setPreferredSize(new Dimension(240, 300));

        JPanel controls = row(new JLabel("Mic"), micLevel, mute, stopVideo, shareScreen, leave, lock, closeMeeting);
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(controls, BorderLayout.NORTH);
        message.setBorder(BorderFactory.createEmptyBorder(2, 8, 4, 8));
        bottom.add(message, BorderLayout.SOUTH);

        JPanel content = new JPanel(new BorderLayout(6, 6));
        content.add(top, BorderLayout.NORTH);
        content.add(grid, BorderLayout.CENTER);
        content.add(memberPane, BorderLayout.EAST);
        content.add(bottom, BorderLayout.SOUTH);
        return content;
    }

    private void wireActions() {
        signIn.addActionListener(e -> signIn());
        create.addActionListener(e -> withSession(Session::createMeeting));
        join.addActionListener(e -> {
            String target = joinTarget.getText().trim();
            if (target.isEmpty()) {
                say("Type the meeting's 6-digit ID or its sip: address to join it.");
            } else {
                withSession(s -> s.join(target));
            }
        });
        copyId.addActionListener(e -> Toolkit.getDefaultToolkit()
                .getSystemClipboard()
                .setContents(new StringSelection(meetingId.getText()), null));
        mute.addActionListener(e -> withSession(s -> s.setSending(MediaKind.AUDIO, !mute.isSelected())));
        stopVideo.addActionListener(e -> withSession(s -> s.setSending(MediaKind.VIDEO, !stopVideo.isSelected())));
        shareScreen.addActionListener(e -> withSession(s -> s.setSending(MediaKind.SLIDES, shareScreen.isSelected())));
        leave.addActionListener(e -> withSession(Session::leave));
        lock.addActionListener(e -> control(new HostAction.Lock(lock.isSelected())));
        closeMeeting.addActionListener(e -> control(new HostAction.Close()));
    }

    private void prefill() {
        server.setText("127.0.0.1:5060");
        domain.setText("localhost");
        try {
            store.load().ifPresent(a -> {
                server.setText(a.server());
                user.setText(a.user());
                password.setText(a.password());
                domain.setText(a.domain());
                displayName.setText(a.displayName());
            });
        } catch (IOException e) {
            say("The saved account could not be read: " + e.getMessage());
        }
    }

    private void signIn() {
        Account a;
        try {
            a = new Account(
                    server.getText().trim(),
                    user.getText().trim(),
                    new String(password.getPassword()),
                    displayName.getText().trim(),
                    domain.getText().trim());
        } catch (IllegalArgumentException e) {
            say(capitalize(String.valueOf(e.getMessage())) + ".");
            return;
        }
        stopSession();
        try {
            Session s = starter.start(a, grid, this::micLevel, event -> SwingUtilities.invokeLater(() -> on(event)));
            session = s;
            account = a;
            control = startControl(s);
            registration.setText("Signing in as " + a.aor() + " …");
            s.register();
        } catch (IOException e) {
            say("Cannot start the agent: " + e.getMessage());
        }
    }

    /** Shows one session event; on the event dispatch thread. */
    void on(SessionEvent event) {
        if (event instanceof SessionEvent.RegistrationChanged r) {
            registration.setText(registrationText(r));
            boolean registered = r.state() == RegistrationState.REGISTERED;
            create.setEnabled(registered && meetingId.getText().isEmpty());
            join.setEnabled(registered && meetingId.getText().isEmpty());
            if (r.state() == RegistrationState.FAILED) {
                say(capitalize(r.detail()) + ".");
            } else if (registered && account != null) {
                saveAccount(account);
            }
        } else if (event instanceof SessionEvent.MeetingJoined j) {
            meetingId.setText(j.id());
            setTitle("Parley — meeting " + j.id());
            inMeeting(true);
            say(
                    j.created()
                            ? "Meeting " + j.id() + " created: share its ID so others can join."
                            : "Joined meeting " + j.id() + ".");
        } else if (event instanceof SessionEvent.MeetingFailed f) {
            say(capitalize(f.reason()) + ".");
        } else if (event instanceof SessionEvent.RosterChanged r) {
            members.show(r.roster(), account == null ? "" : account.aor());
            grid.roster(r.roster());
            boolean host = isHost();
            lock.setVisible(host);
            closeMeeting.setVisible(host);
            lock.setSelected(r.roster().locked());
        } else if (event instanceof SessionEvent.HostActionRefused h) {
            say("Could not " + h.action().verb() + ": " + h.reason() + ".");
        } else if (event instanceof SessionEvent.MeetingLeft l) {
            endMeeting("You left meeting " + l.id() + ".");
        } else if (event instanceof SessionEvent.MeetingEnded e) {
            endMeeting("Meeting " + e.id() + " ended: " + e.reason().words() + ".");
        } else if (event instanceof SessionEvent.ScreenShareChanged c) {
            shareScreen.setSelected(c.sharing());
            say(c.sharing() ? "You are sharing your screen." : "You stopped sharing your screen.");
        } else if (event instanceof SessionEvent.ScreenShareRefused r) {
            shareScreen.setSelected(!r.sharing());
            say((r.sharing() ? "Your screen is not shared: " : "Could not stop sharing your screen: ") + r.reason()
                    + ".");
        } else if (event instanceof SessionEvent.Problem p) {
            say(capitalize(p.message()) + ".");
        }
    }

    private static String registrationText(SessionEvent.RegistrationChanged r) {
        return switch (r.state()) {
            case REGISTERED -> "Signed in: " + r.detail();
            case REGISTERING -> "Signing in …";
            case FAILED -> "Not signed in: " + r.detail();
            case UNREGISTERED -> "Not signed in";
        };
    }

    private void endMeeting(String words) {
        micLevel.setValue(0);
        meetingId.setText("");
        setTitle("Parley");
        members.clear();
        grid.clear();
        inMeeting(false);
        say(words);
    }

    private void inMeeting(boolean in) {
        boolean registered = session != null && session.registration() == RegistrationState.REGISTERED;
        create.setEnabled(!in && registered);
        join.setEnabled(!in && registered);
        joinTarget.setEnabled(!in);
        copyId.setEnabled(in);
        for (JComponent c : List.<JComponent>of(mute, stopVideo, shareScreen, leave)) {
            c.setEnabled(in);
        }
        mute.setSelected(false);
        stopVideo.setSelected(false);
        shareScreen.setSelected(false);
        lock.setVisible(in && isHost());
        closeMeeting.setVisible(in && isHost());
    }

    private boolean isHost() {
        Session s = session;
        return s != null && s.isHost();
    }

    private void control(HostAction action) {
        withSession(s -> s.control(action));
    }

    /**
     * Remote control on the session: others may ask for this screen (a dialog with Allow and
     * Decline, then the bar with Stop and the hotkey), and Request control asks a member for theirs.
     */
    private static ControlAgent startControl(Session s) {
        Account a = s.account();
        VideoStreamFactory screen = new VideoStreamFactory(
                MediaKind.SLIDES,
                VideoSettings.screen(
                        VideoSourceSpec.parse("screen"),
                        a.name() + "'s screen",
                        a.user() + "@parley",
                        VideoSink.none()));
        return ControlAgent.start(
                s.controlCalls(),
                s.localAddress(),
                ControlledSide.Config.defaults(s.localAddress()),
                screen,
                SwingControlUi::new);
    }

    /** The member list's Request control: a window on their screen that asks them first. */
    private void requestControl(RosterMember m) {
        ControlAgent c = control;
        if (c == null) {
            say("Sign in first.");
            return;
        }
        try {
            ControllerWindow.open(c, m.entity(), m.name());
            say("Asked " + m.name() + " for control of their screen.");
        } catch (IOException e) {
            say("Could not ask " + m.name() + " for control: " + e.getMessage() + ".");
        }
    }

    private void withSession(java.util.function.Consumer<Session> action) {
        Session s = session;
        if (s == null) {
            say("Sign in first.");
            return;
        }
        action.accept(s);
    }

    private void saveAccount(Account a) {
        try {
            store.save(a);
        } catch (IOException e) {
            say("The account could not be saved: " + e.getMessage());
        }
    }

    /** Closes the session and waits for it (a few seconds at most); not on the event dispatch thread. */
    public void closeSession() {
        Session s = session;
        session = null;
        closeControl();
        if (s != null) {
            s.close();
        }
    }

    private void stopSession() {
        Session s = session;
        session = null;
        closeControl();
        if (s != null) {
            Thread closer = new Thread(s::close, "session-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private void closeControl() {
        ControlAgent c = control;
        control = null;
        if (c != null) {
            c.close();
        }
    }

    private void say(String words) {
        message.setText(words);
    }

    /**
     * Shows the sent audio's RFC 6464 level (0 = 0 dBov, the loudest, to 127 = silence; 127
     * while muted): the meter fills with the dB above -60 dBov, so silence and mute show it empty.
     * Any thread.
     */
    public void micLevel(int level) {
        int shown = Math.max(0, METER_DB - Math.max(0, level));
        SwingUtilities.invokeLater(() -> micLevel.setValue(shown));
    }

    /** The mic meter as shown: 0 (silence, muted) to 60 (full scale). */
    public int shownMicLevel() {
        return micLevel.getValue();
    }

    // Read-outs for tests and for the screenshot in docs/.

    /** The member list as shown, one row per member. */
    public List<String> memberRows() {
        return members.rows();
    }

    /** The video tiles' labels. */
    public List<String> tileLabels() {
        return grid.labels();
    }

    public Optional<String> shownMeetingId() {
        return meetingId.getText().isEmpty() ? Optional.empty() : Optional.of(meetingId.getText());
    }

    public String shownMessage() {
        return message.getText();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static JTextField field(String name, int columns) {
        JTextField f = new JTextField(columns);
        f.setName(name);
        return f;
    }

    private static JButton button(String name, String text) {
        JButton b = new JButton(text);
        b.setName(name);
        return b;
    }

    private static JToggleButton toggle(String name, String text) {
        JToggleButton b = new JToggleButton(text);
        b.setName(name);
        return b;
    }

    private static JLabel label(String name, String text) {
        JLabel l = new JLabel(text);
        l.setName(name);
        return l;
    }

    private static JPanel row(JComponent... components) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 4));
        for (JComponent c : components) {
            p.add(c);
        }
        return p;
    }

    /** Installs the theme (FlatLaf light or dark, as the desktop is); before the first window. */
    public static void installTheme() {
        Theme.install();
    }
}
