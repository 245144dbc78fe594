package dev.parley.ua.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Session} is made of: the account, one {@link MediaStreamFactory} per media kind
 * it offers (none: signalling only), the local SIP port (0: any free one) and the address to
 * bind and advertise (empty: the one the host would use to reach the server).
 */
public record SessionConfig(
        Account account, List<MediaStreamFactory> media, int sipPort, Optional<String> localAddress) {
    public SessionConfig {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(localAddress, "localAddress");
        media = List.copyOf(media);
        if (sipPort < 0 || sipPort > 65535) {
            throw new IllegalArgumentException("SIP port must be 0-65535, got " + sipPort);
        }
        if (media.stream().map(MediaStreamFactory::kind).distinct().count() != media.size()) {
            throw new IllegalArgumentException("one media factory per kind");
        }
    }

    public static SessionConfig of(Account account, List<MediaStreamFactory> media) {
        return new SessionConfig(account, media, 0, Optional.empty());
    }
}
