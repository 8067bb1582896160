package io.securevpc.app;

/**
 * Stable codes of the app's own problems ({@link AppConfigException}). They share the {@code SVPC-} numbering with
 * the library's {@code io.securevpc.ErrorCode} and never change meaning once released: the library does not use
 * them, and its enum does not reuse them.
 */
public enum AppErrorCode {
    /** The app's configuration (cdk.json context {@code blueprint}) is missing or invalid. */
    APP_CONFIG("SVPC-020");

    private final String id;

    AppErrorCode(final String id) {
        this.id = id;
    }

    /** @return the stable code, e.g. {@code SVPC-020}. */
    public String id() {
        return id;
    }
}
