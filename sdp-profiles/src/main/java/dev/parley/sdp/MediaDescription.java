package dev.parley.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media section (RFC 8866 §5.14): the {@code m=} line and the {@code i= c= b= k= a=}
 * lines that follow it. Immutable; the {@code with…} methods return changed copies.
 */
public record MediaDescription(
        String media,
        int port,
        OptionalInt portCount,
        String protocol,
        List<String> formats,
        Optional<String> information,
        List<Connection> connections,
        List<Bandwidth> bandwidths,
        Optional<String> key,
        List<Attribute> attributes) {

    public MediaDescription {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(portCount, "portCount");
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(key, "key");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        formats = List.copyOf(formats);
        connections = List.copyOf(connections);
        bandwidths = List.copyOf(bandwidths);
        attributes = List.copyOf(attributes);
    }

    /** A media section with only the {@code m=} line and the given attributes. */
    public static MediaDescription of(
            String media, int port, String protocol, List<String> formats, List<Attribute> attributes) {
        return new MediaDescription(
                media,
                port,
                OptionalInt.empty(),
                protocol,
                formats,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.empty(),
                attributes);
    }

    /** This media section with {@code replaced} as its attributes, everything else kept. */
    public MediaDescription withAttributes(List<Attribute> replaced) {
        return new MediaDescription(
                media, port, portCount, protocol, formats, information, connections, bandwidths, key, replaced);
    }

    /** The value of the first attribute with this name; empty for none or a property. */
    public Optional<String> attribute(String name) {
        return Attributes.first(attributes, name);
    }

    /** The values of every attribute with this name, in order. */
    public List<String> attributes(String name) {
        List<String> values = new ArrayList<>(2);
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                values.add(a.valueOrEmpty());
            }
        }
        return values;
    }

    /** True when an attribute with this name is present, with or without a value. */
    public boolean has(String name) {
        return Attributes.has(attributes, name);
    }

    /** The direction attribute of this section, if it has one (RFC 8866 §6.7). */
    public Optional<Direction> direction() {
        return Attributes.direction(attributes);
    }

    /** Port 0: a stream the offerer disabled or the answerer rejected (RFC 3264 §5.1, §6). */
    public boolean isDisabled() {
        return port == 0;
    }

    /** The {@code a=rtpmap} of a payload type, or the RFC 3551 static mapping for 0–34. */
    public Optional<RtpMap> rtpMap(String payloadType) {
        for (Attribute a : attributes) {
            if (a.name().equals("rtpmap")) {
                Optional<RtpMap> map = RtpMap.parse(a.valueOrEmpty());
                if (map.isPresent() && map.get().payloadType().equals(payloadType)) {
                    return map;
                }
            }
        }
        return RtpMap.staticPayloadType(payloadType);
    }

    /** The {@code a=fmtp} parameters of a payload type, if any. */
    public Optional<Fmtp> fmtp(String payloadType) {
        for (Attribute a : attributes) {
            if (a.name().equals("fmtp")) {
                Optional<Fmtp> fmtp = Fmtp.parse(a.valueOrEmpty());
                if (fmtp.isPresent() && fmtp.get().payloadType().equals(payloadType)) {
                    return fmtp;
                }
            }
        }
        return Optional.empty();
    }
}
