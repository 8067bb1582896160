package io.securevpc.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code Map.of} with a fixed iteration order: the order of the arguments. Not API.
 *
 * <p>A map handed to the CDK is rendered into the template in its iteration order, and {@code Map.of}'s order
 * changes from one JVM run to the next: the same app would synthesize templates that differ byte for byte (keys of
 * policy conditions, event patterns, automation documents). Use this for every map that reaches a template.
 */
public final class Maps {
    private Maps() {
    }

    /** @return an empty unmodifiable map. */
    public static <K, V> Map<K, V> of() {
        return Collections.emptyMap();
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1) {
        return build(k1, v1);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2) {
        return build(k1, v1, k2, v2);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3) {
        return build(k1, v1, k2, v2, k3, v3);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3,
                                        final K k4, final V v4) {
        return build(k1, v1, k2, v2, k3, v3, k4, v4);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3,
                                        final K k4, final V v4, final K k5, final V v5) {
        return build(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3,
                                        final K k4, final V v4, final K k5, final V v5, final K k6, final V v6) {
        return build(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3,
                                        final K k4, final V v4, final K k5, final V v5, final K k6, final V v6,
                                        final K k7, final V v7) {
        return build(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3,
                                        final K k4, final V v4, final K k5, final V v5, final K k6, final V v6,
                                        final K k7, final V v7, final K k8, final V v8) {
        return build(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3,
                                        final K k4, final V v4, final K k5, final V v5, final K k6, final V v6,
                                        final K k7, final V v7, final K k8, final V v8, final K k9, final V v9) {
        return build(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3,
                                        final K k4, final V v4, final K k5, final V v5, final K k6, final V v6,
                                        final K k7, final V v7, final K k8, final V v8, final K k9, final V v9,
                                        final K k10, final V v10) {
        return build(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9, k10, v10);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> build(final Object... keysAndValues) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            put(m, (K) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static <K, V> void put(final Map<K, V> m, final K k, final V v) {
        if (k == null || v == null) {
            throw new NullPointerException("Maps.of: null key or value" + (k == null ? "" : " for key " + k));
        }
        if (m.put(k, v) != null) {
            throw new IllegalArgumentException("Maps.of: duplicate key " + k);
        }
    }
}
