package dev.parley.ua.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One {@code application/conference-info+xml} document (RFC 4575 §5) as a NOTIFY carries it:
 * full or partial (§4.6), its version, the conference state, and the users it mentions. A
 * partial document's user holds only what it states: absent parts are empty.
 */
public record ConferenceInfoDocument(
        String entity, String state, int version, OptionalInt userCount, Optional<Boolean> locked, List<User> users) {

    public static final String NS = "urn:ietf:params:xml:ns:conference-info";

    public ConferenceInfoDocument {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(userCount, "userCount");
        Objects.requireNonNull(locked, "locked");
        users = List.copyOf(users);
    }

    /** A {@code <user>} element: {@code state} is {@code full}, {@code partial} or {@code deleted}. */
    public record User(
            String entity,
            String state,
            Optional<String> displayText,
            Optional<List<String>> roles,
            Optional<List<RosterMedia>> media) {
        public User {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(displayText, "displayText");
            Objects.requireNonNull(roles, "roles");
            Objects.requireNonNull(media, "media");
        }
    }

    /** A body that is not a conference-info document: what was wrong. */
    public static final class BadDocumentException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadDocumentException(String message) {
            super(message);
        }
    }

    public boolean full() {
        return state.equals("full");
    }

    /** Parses a document; no DTDs or external entities are read. */
    public static ConferenceInfoDocument parse(byte[] xml) throws BadDocumentException {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            root = b.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new BadDocumentException("not XML: " + e.getMessage());
        }
        if (!NS.equals(root.getNamespaceURI()) || !"conference-info".equals(root.getLocalName())) {
            throw new BadDocumentException("the root is <" + root.getTagName() + ">, not <conference-info> of " + NS);
        }
        String state = root.getAttribute("state").isEmpty() ? "full" : root.getAttribute("state");
        if (!state.equals("full") && !state.equals("partial") && !state.equals("deleted")) {
            throw new BadDocumentException("conference-info state \"" + state + "\"");
        }
        int version;
        try {
            version = Integer.parseInt(root.getAttribute("version"));
        } catch (NumberFormatException e) {
            throw new BadDocumentException("conference-info version \"" + root.getAttribute("version") + "\"");
        }
        OptionalInt count = OptionalInt.empty();
        Optional<Boolean> locked = Optional.empty();
        Optional<Element> cs = child(root, "conference-state");
        if (cs.isPresent()) {
            Optional<String> n = text(cs.get(), "user-count");
            if (n.isPresent()) {
                try {
                    count = OptionalInt.of(Integer.parseInt(n.get()));
                } catch (NumberFormatException e) {
                    throw new BadDocumentException("user-count \"" + n.get() + "\"");
                }
            }
            locked = text(cs.get(), "locked").map(Boolean::parseBoolean);
        }
        List<User> users = new ArrayList<>();
        Optional<Element> us = child(root, "users");
        if (us.isPresent()) {
            for (Element u : children(us.get(), "user")) {
                users.add(user(u));
            }
        }
        return new ConferenceInfoDocument(root.getAttribute("entity"), state, version, count, locked, users);
    }

    private static User user(Element u) throws BadDocumentException {
        String entity = u.getAttribute("entity");
        if (entity.isEmpty()) {
            throw new BadDocumentException("a <user> without entity");
        }
        String state = u.getAttribute("state").isEmpty() ? "full" : u.getAttribute("state");
        Optional<List<String>> roles = child(u, "roles")
                .map(r -> children(r, "entry").stream()
                        .map(e -> e.getTextContent().trim())
                        .toList());
        Optional<List<RosterMedia>> media = Optional.empty();
        List<Element> endpoints = children(u, "endpoint");
        if (!endpoints.isEmpty()) {
            List<RosterMedia> all = new ArrayList<>();
            for (Element ep : endpoints) {
                for (Element m : children(ep, "media")) {
                    all.add(media(m));
                }
            }
            media = Optional.of(all);
        }
        return new User(entity, state, text(u, "display-text"), roles, media);
    }

    private static RosterMedia media(Element m) throws BadDocumentException {
        OptionalLong src = OptionalLong.empty();
        Optional<String> s = text(m, "src-id");
        if (s.isPresent()) {
            try {
                long v = Long.parseLong(s.get());
                if (v < 0 || v > 0xFFFF_FFFFL) {
                    throw new NumberFormatException();
                }
                src = OptionalLong.of(v);
            } catch (NumberFormatException e) {
                throw new BadDocumentException("src-id \"" + s.get() + "\" is not an SSRC");
            }
        }
        return new RosterMedia(
                m.getAttribute("id"),
                text(m, "type").orElse(""),
                text(m, "label").orElse(""),
                src,
                text(m, "status").orElse("sendrecv"));
    }

    private static Optional<Element> child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim());
    }
}
