package dev.parley.ua.ui;

import dev.parley.ua.session.HostAction;
import dev.parley.ua.session.Roster;
import dev.parley.ua.session.RosterMember;
import java.awt.Component;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JList;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.ListSelectionModel;

/**
 * The live member list (RFC 4575 through the session's roster): each member's name with badges
 * for host, muted, video and presenting; "(you)" after this agent. A member's context menu has
 * Request control (remote control of their screen) and, for the host only, mute, unmute and
 * remove (the focus refuses those to others anyway).
 */
final class MemberList extends JList<RosterMember> {
    private static final long serialVersionUID = 1L;

    private final DefaultListModel<RosterMember> model = new DefaultListModel<>();
    private String self = "";

    MemberList(BooleanSupplier isHost, Consumer<HostAction> control, Consumer<RosterMember> requestControl) {
        setModel(model);
        setName("members");
        setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        setCellRenderer(new DefaultListCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Component getListCellRendererComponent(
                    JList<?> list, Object value, int index, boolean selected, boolean focus) {
                super.getListCellRendererComponent(list, value, index, selected, focus);
                setText(text((RosterMember) value, self));
                return this;
            }
        });
        addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                popup(e);
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                popup(e);
            }

            private void popup(MouseEvent e) {
                int index = locationToIndex(e.getPoint());
                if (!e.isPopupTrigger() || index < 0) {
                    return;
                }
                RosterMember m = model.get(index);
                JPopupMenu menu = menu(m, m.entity().equals(self), isHost.getAsBoolean(), control, requestControl);
                if (menu.getComponentCount() > 0) {
                    setSelectedIndex(index);
                    menu.show(MemberList.this, e.getX(), e.getY());
                }
            }
        });
    }

    /** The row for one member: {@code alice (you) — host · muted · video · presenting}. */
    static String text(RosterMember m, String selfEntity) {
        List<String> badges = new ArrayList<>();
        if (m.host()) {
            badges.add("host");
        }
        if (m.muted()) {
            badges.add("muted");
        }
        if (m.videoOn()) {
            badges.add("video");
        }
        if (m.presenting()) {
            badges.add("presenting");
        }
        String name = m.name() + (m.entity().equals(selfEntity) ? " (you)" : "");
        return badges.isEmpty() ? name : name + " — " + String.join(" · ", badges);
    }

    /**
     * The context menu for one member: <b>Request control</b> of another member's screen, and for
     * the host mute or unmute and remove; empty for oneself as a non-host.
     */
    static JPopupMenu menu(
            RosterMember m,
            boolean self,
            boolean host,
            Consumer<HostAction> control,
            Consumer<RosterMember> requestControl) {
        JPopupMenu menu = new JPopupMenu();
        if (!self) {
            JMenuItem ask = new JMenuItem("Request control");
            ask.setName("requestControl");
            ask.setToolTipText("Ask " + m.name() + " to let you control their screen");
            ask.addActionListener(e -> requestControl.accept(m));
            menu.add(ask);
        }
        if (!host) {
            return menu;
        }
        JMenuItem mute = new JMenuItem(m.muted() ? "Unmute " + m.name() : "Mute " + m.name());
        mute.addActionListener(e -> control.accept(new HostAction.Mute(m.entity(), !m.muted())));
        JMenuItem kick = new JMenuItem("Remove " + m.name() + " from the meeting");
        kick.addActionListener(e -> control.accept(new HostAction.Kick(m.entity())));
        menu.add(mute);
        menu.add(kick);
        return menu;
    }

    void show(Roster roster, String selfEntity) {
        self = selfEntity;
        model.clear();
        roster.members().forEach(model::addElement);
    }

    void clear() {
        model.clear();
    }

    /** The rows as shown, for tests and logs. */
    List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            rows.add(text(model.get(i), self));
        }
        return rows;
    }
}
