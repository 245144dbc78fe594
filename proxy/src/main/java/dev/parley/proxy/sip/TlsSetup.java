package dev.parley.proxy.sip;

import dev.parley.proxy.config.HostPort;
import java.nio.file.Path;
import java.util.List;

/** SIP over TLS: where to listen, and the PKCS#12 key store holding the server's certificate. */
public record TlsSetup(List<HostPort> listen, Path keyStore, String password) {
    public TlsSetup {
        listen = List.copyOf(listen);
    }
}
