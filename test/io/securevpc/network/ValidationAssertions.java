package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.util.List;

/** Assertions on the problems of a {@link BlueprintValidationException}, shared by the validation tests. */
final class ValidationAssertions {
    private ValidationAssertions() {
    }

    /** Asserts exactly one problem, of {@code code}, whose message contains each of {@code parts}. */
    static void assertProblem(final BlueprintValidationException e, final ErrorCode code, final String... parts) {
        assertEquals(List.of(code), e.getCodes(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }
}
