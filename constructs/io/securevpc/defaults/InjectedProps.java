package io.securevpc.defaults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.IPropertyInjector;
import software.amazon.awscdk.InjectionContext;
import software.constructs.Construct;

/**
 * The base of every injector of {@link SecureDefaults}: copies the props the app gave (a map of the JavaScript
 * prop names, e.g. {@code enforceSSL}), lets the subclass add the defaults that are missing, and never replaces
 * a prop that is present. Constructs the blueprint's own constructs create in themselves are left as they are:
 * those set every prop they rely on, and some (a {@code SecureVpc}'s {@code Vpc}) make their own flow logs.
 *
 * <p>jsii: one call from JavaScript per construct created, plus the calls a subclass makes; nothing else.
 * Every subclass also names {@code implements IPropertyInjector} itself: jsii registers only the interfaces a
 * class declares, and without the interface it hands {@code inject} an untyped context it cannot deserialize.
 */
abstract class InjectedProps implements IPropertyInjector {
    /** The packages of the blueprint's constructs (children already hardened) and of the defaults' own resources. */
    private static final Set<String> BLUEPRINT_PACKAGES = Set.of("io.securevpc.network", "io.securevpc.endpoints",
            "io.securevpc.connectivity", "io.securevpc.audit", "io.securevpc.detection", "io.securevpc.iam",
            "io.securevpc.defaults");

    private final String constructUniqueId;
    /** What the defaults share per stack (keys, the access-log bucket, endpoint policies); null where unused. */
    final SecureDefaults defaults;

    InjectedProps(final String constructUniqueId) {
        this(constructUniqueId, null);
    }

    InjectedProps(final String constructUniqueId, final SecureDefaults defaults) {
        this.constructUniqueId = constructUniqueId;
        this.defaults = defaults;
    }

    @Override
    public final String getConstructUniqueId() {
        return constructUniqueId;
    }

    @Override
    public final Object inject(final Object originalProps, final InjectionContext context) {
        Construct scope = context.getScope();
        if (BLUEPRINT_PACKAGES.contains(scope.getClass().getPackageName())) {
            return originalProps;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        if (originalProps instanceof Map<?, ?> given) {
            given.forEach((k, v) -> props.put(String.valueOf(k), v));
        }
        addDefaults(props, scope, context.getId());
        return props;
    }

    /** Adds to {@code props} the defaults for what is unset; must not change a prop that is present. */
    abstract void addDefaults(Map<String, Object> props, Construct scope, String id);

    /** Sets {@code key} unless the app gave it (a prop given as null counts as unset, as in JavaScript). */
    static void putIfUnset(final Map<String, Object> props, final String key, final Object value) {
        if (props.get(key) == null) {
            props.put(key, value);
        }
    }

    static boolean isUnset(final Map<String, Object> props, final String key) {
        return props.get(key) == null;
    }
}
