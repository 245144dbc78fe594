package dev.parley.proxy.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS certificate chain and private key (SIP over TLS, RFC 3261 §26.2.1): read from
 * PEM files, or, when none are configured, a self-signed certificate that the first start
 * writes under the data directory ({@code tls/server-cert.pem}, {@code tls/server-key.pem} only
 * readable by the owner) and later starts reuse, as Asterisk and FreeSWITCH set-ups do for a
 * first run. jain-sip takes a key store file, so {@link #writeKeyStore} writes a PKCS#12 one.
 */
public final class TlsCredentials {
    private static final String ALIAS = "parley";

    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final boolean generated;

    private TlsCredentials(List<X509Certificate> chain, PrivateKey key, boolean generated) {
        this.chain = List.copyOf(chain);
        this.key = key;
        this.generated = generated;
    }

    /** The chain and key of the two PEM files; a bad file is named in the message. */
    public static TlsCredentials fromPem(Path certificate, Path privateKey) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(certificate, StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(certificate + ": not a PEM certificate (" + e.getMessage() + ")", e);
        }
        if (chain.isEmpty()) {
            throw new IOException(certificate + ": no CERTIFICATE block");
        }
        try (Reader r = Files.newBufferedReader(privateKey, StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            JcaPEMKeyConverter convert = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                key = convert.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (o instanceof PrivateKeyInfo info) {
                key = convert.getPrivateKey(info);
            } else {
                throw new IOException(privateKey + ": no unencrypted PRIVATE KEY block");
            }
        } catch (RuntimeException e) {
            throw new IOException(privateKey + ": not a PEM private key (" + e.getMessage() + ")", e);
        }
        return new TlsCredentials(chain, key, false);
    }

    /**
     * The self-signed certificate under {@code dir}, made on first use for {@code domain} and the
     * listening addresses (subject alternative names), valid ten years, ECDSA P-256.
     */
    public static TlsCredentials selfSigned(Path dir, String domain, List<String> hosts) throws IOException {
        Path cert = dir.resolve("server-cert.pem");
        Path key = dir.resolve("server-key.pem");
        if (Files.exists(cert) && Files.exists(key)) {
            return fromPem(cert, key);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + domain + ", O=Parley");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(domain, hosts));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
            }));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            Files.createDirectories(dir);
            Files.deleteIfExists(key);
            writePrivate(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
            Files.writeString(cert, pem(certificate), StandardCharsets.US_ASCII);
            return new TlsCredentials(List.of(certificate), pair.getPrivate(), true);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(String domain, List<String> hosts) {
        Set<GeneralName> names = new LinkedHashSet<>();
        names.add(new GeneralName(GeneralName.dNSName, domain));
        for (String host : hosts) {
            boolean address = host.matches("[0-9.]+") || host.contains(":");
            if (address) {
                names.add(new GeneralName(GeneralName.iPAddress, host));
            } else if (!host.equalsIgnoreCase(domain)) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** True when this start made the certificate (the start-up line says so). */
    public boolean generated() {
        return generated;
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** SHA-256 of the leaf certificate, colon-separated hex, as softphones show it for pinning. */
    public String fingerprint() {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Writes the chain and key as a PKCS#12 key store only the owner can read. */
    public void writeKeyStore(Path file, char[] password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(X509Certificate[]::new));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try (OutputStream out = newPrivateFile(file)) {
                store.store(out, password);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the TLS key store " + file + ": " + e.getMessage(), e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(o);
        }
        return text.toString();
    }

    private static void writePrivate(Path file, String text) throws IOException {
        try (OutputStream out = newPrivateFile(file);
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.US_ASCII)) {
            w.write(text);
        }
    }

    private static OutputStream newPrivateFile(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING);
        }
        return Files.newOutputStream(file);
    }
}
