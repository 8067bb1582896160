package io.securevpc.app;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IPropertyInjector;
import software.amazon.awscdk.InjectionContext;
import software.amazon.awscdk.services.kms.Key;

/**
 * Sets the profile's deletion waiting period ({@code PendingWindowInDays}, {@link Profile#keyPendingWindowDays()})
 * on every KMS key created in a stage, the library's keys included; a key that sets its own window keeps it. A
 * property injector rather than a prop of each construct: the window is the deployment's policy, not the
 * construct's, and one callback per key created is all it costs.
 */
final class KeyPendingWindow implements IPropertyInjector {
    private final int days;

    KeyPendingWindow(final Profile profile) {
        this.days = profile.keyPendingWindowDays();
    }

    @Override
    public String getConstructUniqueId() {
        return Key.PROPERTY_INJECTION_ID;
    }

    @Override
    public Object inject(final Object originalProps, final InjectionContext context) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (originalProps instanceof Map<?, ?> given) {
            given.forEach((k, v) -> props.put(String.valueOf(k), v));
        }
        props.putIfAbsent("pendingWindow", Duration.days(days));
        return props;
    }
}
