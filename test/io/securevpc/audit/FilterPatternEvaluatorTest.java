package io.securevpc.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The test-side evaluator of CloudWatch Logs JSON filter patterns: each supported form, and each refusal. */
class FilterPatternEvaluatorTest {
    private static final JsonNode EVENT = json("{\"eventName\": \"StopLogging\", \"errorCode\": \"AccessDenied\","
            + " \"userIdentity\": {\"type\": \"Root\", \"arn\": \"arn:aws:iam::1:root\"}, \"requestParameters\": null,"
            + " \"resources\": [{\"ARN\": \"x\"}], \"readOnly\": false, \"quoted\": \"say \\\"hi\\\"\"}");

    @Test
    void equalsComparesTheFieldTextExactlyAndCaseSensitively() {
        assertTrue(matches("{ $.eventName = \"StopLogging\" }"));
        assertTrue(matches("{ $.eventName = StopLogging }"));
        assertFalse(matches("{ $.eventName = \"stoplogging\" }"));
        assertFalse(matches("{ $.eventName = \"StopLog\" }"));
    }

    @Test
    void notEqualsIsTheNegationForAFieldThatExists() {
        assertTrue(matches("{ $.eventName != \"StartLogging\" }"));
        assertFalse(matches("{ $.eventName != \"StopLogging\" }"));
    }

    @Test
    void wildcardMatchesAnyRunOfCharactersAtEitherEnd() {
        assertTrue(matches("{ $.errorCode = \"AccessDenied*\" }"));
        assertTrue(matches("{ $.errorCode = \"*Denied\" }"));
        assertTrue(matches("{ $.errorCode = \"*\" }"));
        assertFalse(matches("{ $.errorCode = \"*UnauthorizedOperation\" }"));
    }

    @Test
    void comparisonsOnAMissingFieldAreFalseEitherWay() {
        assertFalse(matches("{ $.userIdentity.invokedBy = \"*\" }"));
        assertFalse(matches("{ $.userIdentity.invokedBy != \"x\" }"));
        assertFalse(matches("{ $.nothing.deeper = \"x\" }"));
    }

    @Test
    void notExistsIsTrueOnlyForAnAbsentField() {
        assertTrue(matches("{ $.userIdentity.invokedBy NOT EXISTS }"));
        assertFalse(matches("{ $.userIdentity.type NOT EXISTS }"));
        assertFalse(matches("{ $.requestParameters NOT EXISTS }"));
    }

    @Test
    void isNullIsTrueOnlyForAJsonNull() {
        assertTrue(matches("{ $.requestParameters IS NULL }"));
        assertFalse(matches("{ $.eventName IS NULL }"));
        assertFalse(matches("{ $.absent IS NULL }"));
    }

    @Test
    void nestedSelectorsAndEscapedQuotes() {
        assertTrue(matches("{ $.userIdentity.type = \"Root\" }"));
        assertTrue(matches("{ $.quoted = \"say \\\"hi\\\"\" }"));
    }

    @Test
    void containersNeverEqualAString() {
        assertFalse(matches("{ $.userIdentity = \"*\" }"));
    }

    @Test
    void andOrAndParentheses() {
        assertTrue(matches("{ ($.eventName = \"StopLogging\") && ($.userIdentity.type = \"Root\") }"));
        assertFalse(matches("{ ($.eventName = \"StopLogging\") && ($.userIdentity.type = \"IAMUser\") }"));
        assertTrue(matches("{ ($.eventName = \"X\") || ($.eventName = \"StopLogging\") }"));
        assertFalse(matches("{ ($.eventName = \"X\") || ($.eventName = \"Y\") }"));
        assertTrue(matches("{ ($.errorCode = \"A*\") && (($.eventName = \"X\") || ($.eventName = \"StopLogging\")) }"));
        assertTrue(matches("{ $.eventName = \"StopLogging\" && $.errorCode = \"AccessDenied\" }"));
    }

    @Test
    void failsOnMixedAndOrWithoutParentheses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilterPatternEvaluator.parse("{ $.a = 1 && $.b = 2 || $.c = 3 }"));
        assertEquals("mixing && and || needs parentheses", e.getMessage());
    }

    @Test
    void failsOnArraySelectors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilterPatternEvaluator.parse("{ $.resources[0].ARN = \"x\" }"));
        assertEquals("unsupported syntax '[' at 13", e.getMessage());
    }

    @Test
    void failsOnNumericComparisons() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilterPatternEvaluator.parse("{ $.bytes > 100 }"));
        assertEquals("unsupported syntax '>' at 10", e.getMessage());
    }

    @Test
    void failsOnIsTrueAndRegularExpressions() {
        assertEquals("expected 'NULL' but found 'FALSE'", assertThrows(IllegalArgumentException.class,
                () -> FilterPatternEvaluator.parse("{ $.readOnly IS FALSE }")).getMessage());
        assertEquals("unsupported value '%Stop.*%'", assertThrows(IllegalArgumentException.class,
                () -> FilterPatternEvaluator.parse("{ $.eventName = %Stop.*% }")).getMessage());
    }

    @Test
    void failsOnPatternsThatAreNotJsonPatterns() {
        assertEquals("expected '{' but found 'ERROR'", assertThrows(IllegalArgumentException.class,
                () -> FilterPatternEvaluator.parse("ERROR")).getMessage());
        assertEquals("pattern ends too early", assertThrows(IllegalArgumentException.class,
                () -> FilterPatternEvaluator.parse("{ $.eventName = \"x\"")).getMessage());
        assertEquals("unexpected 'x' after '}'", assertThrows(IllegalArgumentException.class,
                () -> FilterPatternEvaluator.parse("{ $.a = 1 } x")).getMessage());
    }

    private static boolean matches(final String pattern) {
        return FilterPatternEvaluator.matches(pattern, EVENT);
    }

    static JsonNode json(final String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
