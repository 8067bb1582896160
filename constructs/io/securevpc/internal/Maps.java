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
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        return Collections.unmodifiableMap(m);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2) {
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        put(m, k2, v2);
        return Collections.unmodifiableMap(m);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3) {
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        put(m, k2, v2);
        put(m, k3, v3);
        return Collections.unmodifiableMap(m);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4) {
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        put(m, k2, v2);
        put(m, k3, v3);
        put(m, k4, v4);
        return Collections.unmodifiableMap(m);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5) {
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        put(m, k2, v2);
        put(m, k3, v3);
        put(m, k4, v4);
        put(m, k5, v5);
        return Collections.unmodifiableMap(m);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6) {
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        put(m, k2, v2);
        put(m, k3, v3);
        put(m, k4, v4);
        put(m, k5, v5);
        put(m, k6, v6);
        return Collections.unmodifiableMap(m);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6, final K k7, final V v7) {
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        put(m, k2, v2);
        put(m, k3, v3);
        put(m, k4, v4);
        put(m, k5, v5);
        put(m, k6, v6);
        put(m, k7, v7);
        return Collections.unmodifiableMap(m);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6, final K k7, final V v7, final K k8, final V v8) {
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        put(m, k2, v2);
        put(m, k3, v3);
        put(m, k4, v4);
        put(m, k5, v5);
        put(m, k6, v6);
        put(m, k7, v7);
        put(m, k8, v8);
        return Collections.unmodifiableMap(m);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6, final K k7, final V v7, final K k8, final V v8, final K k9, final V v9) {
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        put(m, k2, v2);
        put(m, k3, v3);
        put(m, k4, v4);
        put(m, k5, v5);
        put(m, k6, v6);
        put(m, k7, v7);
        put(m, k8, v8);
        put(m, k9, v9);
        return Collections.unmodifiableMap(m);
    }

    /** @return an unmodifiable map of the given entries, iterated in argument order; null or repeated keys throw. */
    public static <K, V> Map<K, V> of(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6, final K k7, final V v7, final K k8, final V v8, final K k9, final V v9, final K k10, final V v10) {
        Map<K, V> m = new LinkedHashMap<>();
        put(m, k1, v1);
        put(m, k2, v2);
        put(m, k3, v3);
        put(m, k4, v4);
        put(m, k5, v5);
        put(m, k6, v6);
        put(m, k7, v7);
        put(m, k8, v8);
        put(m, k9, v9);
        put(m, k10, v10);
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
