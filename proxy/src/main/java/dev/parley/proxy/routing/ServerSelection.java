package dev.parley.proxy.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * The choices of RFC 3263 §4 (locating a SIP server) on records already looked up: which NAPTR
 * records name a transport this proxy speaks and in what order (§4.1), which SRV names to ask when
 * there is no NAPTR, and the order of SRV targets (RFC 2782: lowest priority first, weighted
 * random within a priority). The DNS queries themselves are the edge's.
 */
public final class ServerSelection {
    /** A NAPTR record: order, preference, flags, service and replacement (RFC 3403). */
    public record Naptr(int order, int preference, String flags, String service, String replacement) {}

    /** An SRV record (RFC 2782). */
    public record Srv(int priority, int weight, int port, String target) {}

    /** An SRV name to ask and the transport its targets speak. */
    public record SrvQuery(String name, String transport) {}

    private ServerSelection() {}

    /** The transport of a NAPTR service field, for a {@code sips} URI only the TLS one (§4.1). */
    static Optional<String> transportOf(String service, boolean sips) {
        return switch (service.toUpperCase(Locale.ROOT)) {
            case "SIP+D2U" -> sips ? Optional.empty() : Optional.of("UDP");
            case "SIP+D2T" -> sips ? Optional.empty() : Optional.of("TCP");
            case "SIPS+D2T" -> Optional.of("TLS");
            default -> Optional.empty();
        };
    }

    /** §4.1: the usable NAPTR records ({@code s} flag, a transport we speak) in order, then preference. */
    public static List<SrvQuery> fromNaptr(List<Naptr> records, boolean sips) {
        List<Naptr> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(Naptr::order).thenComparingInt(Naptr::preference));
        List<SrvQuery> out = new ArrayList<>();
        for (Naptr n : sorted) {
            Optional<String> transport = transportOf(n.service(), sips);
            if (n.flags().equalsIgnoreCase("s") && transport.isPresent()) {
                out.add(new SrvQuery(stripDot(n.replacement()), transport.get()));
            }
        }
        return out;
    }

    /**
     * §4.1 without NAPTR records: the SRV names of the transports we speak, UDP before TCP as
     * Kamailio and OpenSIPS prefer, or only the one the URI's {@code transport} names.
     */
    public static List<SrvQuery> srvNames(String domain, Optional<String> transport, boolean sips) {
        String d = stripDot(domain);
        if (sips) {
            return List.of(new SrvQuery("_sips._tcp." + d, "TLS"));
        }
        if (transport.isPresent()) {
            String t = transport.get().toUpperCase(Locale.ROOT);
            return switch (t) {
                case "UDP" -> List.of(new SrvQuery("_sip._udp." + d, "UDP"));
                case "TCP" -> List.of(new SrvQuery("_sip._tcp." + d, "TCP"));
                case "TLS" -> List.of(new SrvQuery("_sips._tcp." + d, "TLS"));
                default -> List.of();
            };
        }
        return List.of(new SrvQuery("_sip._udp." + d, "UDP"), new SrvQuery("_sip._tcp." + d, "TCP"));
    }

    /**
     * RFC 2782's order: lowest priority first; within one priority, targets drawn at random with
     * probability proportional to weight (weight 0 only after the others, in the order given).
     * {@code randomBelow} gives a number from 0 to its argument inclusive. A target of "." means
     * the service is not offered there and is dropped.
     */
    public static List<Srv> order(List<Srv> records, IntUnaryOperator randomBelow) {
        List<Srv> sorted = new ArrayList<>();
        for (Srv s : records) {
            if (!stripDot(s.target()).isEmpty()) {
                sorted.add(s);
            }
        }
        sorted.sort(Comparator.comparingInt(Srv::priority));
        List<Srv> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size()
                    && sorted.get(j).priority() == sorted.get(i).priority()) {
                j++;
            }
            List<Srv> same = new ArrayList<>(sorted.subList(i, j));
            // Zero weights first in the list, so that a draw of 0 can pick them (RFC 2782).
            same.sort(Comparator.comparingInt(s -> s.weight() == 0 ? 0 : 1));
            while (!same.isEmpty()) {
                int total = 0;
                for (Srv s : same) {
                    total += s.weight();
                }
                int draw = randomBelow.applyAsInt(total);
                int sum = 0;
                int pick = same.size() - 1;
                for (int k = 0; k < same.size(); k++) {
                    sum += same.get(k).weight();
                    if (sum >= draw) {
                        pick = k;
                        break;
                    }
                }
                out.add(same.remove(pick));
            }
            i = j;
        }
        return out;
    }

    /** The default port of a transport (RFC 3261 §19.1.2). */
    public static int defaultPort(String transport) {
        return transport.equalsIgnoreCase("TLS") ? 5061 : 5060;
    }

    /** Whether a URI host is an address already (IPv4 dotted quad or bracketed/bare IPv6), not a name. */
    public static boolean isAddress(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
