package io.securevpc.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Evaluates a CloudWatch Logs JSON metric-filter pattern against one JSON log event (a CloudTrail record), for
 * the subset of the syntax the blueprint's patterns use. No Java evaluator of this syntax exists on Maven, so
 * the tests carry their own, tested in {@code FilterPatternEvaluatorTest}.
 *
 * <p>Supported: {@code { ... }} around the whole pattern; selectors {@code $.a.b.c} (object fields only);
 * {@code =} and {@code !=} against a double-quoted string or a bare word, with {@code *} as a wildcard for any
 * run of characters, compared case-sensitively with the field's text; {@code NOT EXISTS}; {@code IS NULL};
 * {@code &&}, {@code ||} and parentheses.
 *
 * <p>Limits, each refused with an {@link IllegalArgumentException} rather than guessed: array selectors
 * ({@code $.a[0]}, {@code $.a[*]}), numeric comparisons ({@code <, >, <=, >=}), {@code IS TRUE/FALSE},
 * regular expressions ({@code %...%}), space-delimited and plain-term patterns, and mixing {@code &&} with
 * {@code ||} at one level without parentheses (CloudWatch's precedence is then not relied upon).
 * Assumption: a comparison ({@code =} or {@code !=}) on a field the event does not have is false; absence is
 * tested with {@code NOT EXISTS}. A field holding an object or array never equals a string.
 */
final class FilterPatternEvaluator {
    private final List<String> tokens;
    private int pos;

    private FilterPatternEvaluator(final String pattern) {
        this.tokens = tokenize(pattern);
    }

    /** @return whether {@code event} matches {@code pattern}. */
    static boolean matches(final String pattern, final JsonNode event) {
        return parse(pattern).test(event);
    }

    /** Parses a pattern, refusing what the evaluator does not support. */
    static Expr parse(final String pattern) {
        FilterPatternEvaluator parser = new FilterPatternEvaluator(pattern);
        parser.expect("{");
        Expr expr = parser.expression();
        parser.expect("}");
        if (parser.pos != parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.pos) + "' after '}'");
        }
        return expr;
    }

    /** A parsed pattern. */
    interface Expr {
        boolean test(JsonNode event);
    }

    private Expr expression() {
        List<Expr> operands = new ArrayList<>();
        operands.add(primary());
        String operator = null;
        while (pos < tokens.size() && (peek().equals("&&") || peek().equals("||"))) {
            String op = next();
            if (operator != null && !operator.equals(op)) {
                throw new IllegalArgumentException("mixing && and || needs parentheses");
            }
            operator = op;
            operands.add(primary());
        }
        if (operator == null) {
            return operands.get(0);
        }
        List<Expr> all = List.copyOf(operands);
        return "&&".equals(operator)
                ? event -> all.stream().allMatch(e -> e.test(event))
                : event -> all.stream().anyMatch(e -> e.test(event));
    }

    private Expr primary() {
        if (peek().equals("(")) {
            next();
            Expr inner = expression();
            expect(")");
            return inner;
        }
        return comparison();
    }

    private Expr comparison() {
        String selector = next();
        if (!selector.matches("\\$(\\.[A-Za-z0-9_@-]+)+")) {
            throw new IllegalArgumentException("unsupported selector '" + selector + "' (only $.field.field...)");
        }
        List<String> path = List.of(selector.substring(2).split("\\."));
        String op = next();
        switch (op) {
            case "=", "!=" -> {
                Pattern value = wildcard(value(next()));
                boolean equals = op.equals("=");
                return event -> {
                    JsonNode node = lookup(event, path);
                    if (node == null || node.isMissingNode() || node.isContainerNode()) {
                        return false;
                    }
                    String text = node.isNull() ? "null" : node.asText();
                    return value.matcher(text).matches() == equals;
                };
            }
            case "NOT" -> {
                expect("EXISTS");
                return event -> lookup(event, path) == null;
            }
            case "IS" -> {
                expect("NULL");
                return event -> {
                    JsonNode node = lookup(event, path);
                    return node != null && node.isNull();
                };
            }
            default -> throw new IllegalArgumentException("unsupported operator '" + op + "'");
        }
    }

    /** @return the node at {@code path}, or {@code null} when a field on the way is absent. */
    private static JsonNode lookup(final JsonNode event, final List<String> path) {
        JsonNode node = event;
        for (String field : path) {
            if (node == null || !node.isObject() || !node.has(field)) {
                return null;
            }
            node = node.get(field);
        }
        return node;
    }

    private static String value(final String token) {
        if (token.startsWith("\"")) {
            return token.substring(1, token.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (token.startsWith("%") || !token.matches("[A-Za-z0-9_.:*/@-]+")) {
            throw new IllegalArgumentException("unsupported value '" + token + "'");
        }
        return token;
    }

    private static Pattern wildcard(final String value) {
        List<String> quoted = new ArrayList<>();
        for (String part : value.split("\\*", -1)) {
            quoted.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", quoted), Pattern.DOTALL);
    }

    private String peek() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("pattern ends too early");
        }
        return tokens.get(pos);
    }

    private String next() {
        String token = peek();
        pos++;
        return token;
    }

    private void expect(final String token) {
        String found = next();
        if (!found.equals(token)) {
            throw new IllegalArgumentException("expected '" + token + "' but found '" + found + "'");
        }
    }

    private static List<String> tokenize(final String pattern) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("{}()".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if (pattern.startsWith("&&", i) || pattern.startsWith("||", i) || pattern.startsWith("!=", i)) {
                tokens.add(pattern.substring(i, i + 2));
                i += 2;
            } else if (c == '=') {
                tokens.add("=");
                i++;
            } else if (c == '"') {
                int end = i + 1;
                while (end < pattern.length() && pattern.charAt(end) != '"') {
                    end += pattern.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= pattern.length()) {
                    throw new IllegalArgumentException("unterminated string at " + i);
                }
                tokens.add(pattern.substring(i, end + 1));
                i = end + 1;
            } else if ("<>[]".indexOf(c) >= 0) {
                throw new IllegalArgumentException("unsupported syntax '" + c + "' at " + i);
            } else {
                int end = i;
                while (end < pattern.length() && !Character.isWhitespace(pattern.charAt(end))
                        && "{}()=!\"&|<>[]".indexOf(pattern.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(pattern.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }
}
