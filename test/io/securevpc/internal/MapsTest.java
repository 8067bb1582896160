package io.securevpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Maps#of} iterates in argument order, and refuses what {@code Map.of} refuses. */
class MapsTest {
    @Test
    void iteratesInArgumentOrder() {
        Map<String, Integer> m = Maps.of("zeta", 1, "alpha", 2, "mu", 3, "beta", 4, "omega", 5, "kappa", 6);
        assertEquals(List.of("zeta", "alpha", "mu", "beta", "omega", "kappa"), List.copyOf(m.keySet()));
    }

    @Test
    void failsOnARepeatedKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Maps.of("a", 1, "a", 2));
        assertEquals("Maps.of: duplicate key a", e.getMessage());
    }

    @Test
    void failsOnANullValue() {
        assertThrows(NullPointerException.class, () -> Maps.of("a", 1, "b", null));
    }

    @Test
    void isUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> Maps.of("a", 1).put("b", 2));
    }
}
