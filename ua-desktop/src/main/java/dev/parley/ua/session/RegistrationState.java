package dev.parley.ua.session;

/** Where the account's registration stands. */
public enum RegistrationState {
    UNREGISTERED,
    REGISTERING,
    REGISTERED,
    FAILED
}
