package dev.parley.proxy.config;

/** A configuration file or flag that cannot be used; the message names the key and the file. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
