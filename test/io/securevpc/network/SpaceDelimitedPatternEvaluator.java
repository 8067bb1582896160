package io.securevpc.network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Evaluates a CloudWatch Logs space-delimited metric-filter pattern against one log event (a flow-log record), for
 * the subset of the syntax the blueprint's patterns use, as the CloudWatch Logs User Guide ("Filter and pattern
 * syntax", space-delimited log events) describes it. No Java evaluator of this syntax exists on Maven, so the tests
 * carry their own (the JSON counterpart is {@code io.securevpc.audit.FilterPatternEvaluator}).
 *
 * <p>Supported: {@code [a, b, c]} naming every field, the event split on runs of whitespace and matched only when it
 * has exactly as many fields; a field followed by a condition {@code name OP value} or several joined by one
 * operator ({@code &&} or {@code ||}); a condition may name any field of the pattern. {@code =} and {@code !=}
 * against a double-quoted string compare the field's text, case-sensitively, with {@code *} as a wildcard for any run
 * of characters; {@code =, !=, <, >, <=, >=} against a bare number compare numerically, and are false on a field that
 * is not a number ({@code -}).
 *
 * <p>Limits, refused with an {@link IllegalArgumentException} rather than guessed: the ellipsis {@code ...}, bare
 * words, regular expressions ({@code %...%}), {@code &&} mixed with {@code ||} in one field's condition, and
 * parentheses.
 */
final class SpaceDelimitedPatternEvaluator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern CONDITION = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(!=|<=|>=|=|<|>)\\s*(\"[^\"]*\"|[^\\s&|]+)\\s*");

    private SpaceDelimitedPatternEvaluator() {
    }

    /** @return whether the event matches the pattern */
    static boolean matches(final String pattern, final String event) {
        return parse(pattern).test(event);
    }

    /** Parses a pattern, refusing what the evaluator does not support. */
    static Predicate<String> parse(final String pattern) {
        String p = pattern.trim();
        if (!p.startsWith("[") || !p.endsWith("]")) {
            throw new IllegalArgumentException("not a space-delimited pattern: " + pattern);
        }
        if (p.contains("(") || p.contains(")") || p.contains("%")) {
            throw new IllegalArgumentException("unsupported syntax in " + pattern);
        }
        List<String> names = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        for (String slot : splitSlots(p.substring(1, p.length() - 1))) {
            String s = slot.trim();
            if (s.equals("...")) {
                throw new IllegalArgumentException("the ellipsis is not supported");
            }
            if (NAME.matcher(s).matches()) {
                names.add(s);
                continue;
            }
            conditions.add(condition(s, names));
        }
        for (Condition c : conditions) {
            c.names().forEach(n -> {
                if (!names.contains(n)) {
                    throw new IllegalArgumentException("condition on unknown field " + n);
                }
            });
        }
        List<String> fields = List.copyOf(names);
        return event -> {
            String[] values = event.trim().split("\\s+");
            if (values.length != fields.size()) {
                return false;
            }
            return conditions.stream().allMatch(c -> c.test(fields, values));
        };
    }

    /** One field's condition: terms joined by one operator; its own field's name is the first term's. */
    private record Condition(List<Term> terms, boolean all) {
        List<String> names() {
            return terms.stream().map(Term::field).toList();
        }

        boolean test(final List<String> fields, final String[] values) {
            Predicate<Term> holds = t -> t.test(values[fields.indexOf(t.field())]);
            return all ? terms.stream().allMatch(holds) : terms.stream().anyMatch(holds);
        }
    }

    private record Term(String field, String op, String value) {
        boolean test(final String text) {
            if (value.startsWith("\"")) {
                boolean equal = wildcard(value.substring(1, value.length() - 1)).matcher(text).matches();
                return switch (op) {
                    case "=" -> equal;
                    case "!=" -> !equal;
                    default -> throw new IllegalArgumentException(op + " against a string");
                };
            }
            if (!NUMBER.matcher(text).matches()) {
                return false;
            }
            double a = Double.parseDouble(text);
            double b = Double.parseDouble(value);
            return switch (op) {
                case "=" -> a == b;
                case "!=" -> a != b;
                case "<" -> a < b;
                case ">" -> a > b;
                case "<=" -> a <= b;
                case ">=" -> a >= b;
                default -> throw new IllegalArgumentException(op);
            };
        }
    }

    private static Condition condition(final String slot, final List<String> names) {
        boolean and = slot.contains("&&");
        boolean or = slot.contains("||");
        if (and && or) {
            throw new IllegalArgumentException("mixing && and || in one field: " + slot);
        }
        List<Term> terms = new ArrayList<>();
        for (String part : slot.split(and ? "&&" : "\\|\\|")) {
            var m = CONDITION.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("unsupported condition '" + part + "'");
            }
            String value = m.group(3);
            if (!value.startsWith("\"") && !NUMBER.matcher(value).matches()) {
                throw new IllegalArgumentException("bare word '" + value + "': quote strings");
            }
            terms.add(new Term(m.group(1), m.group(2), value));
        }
        names.add(terms.get(0).field());
        return new Condition(terms, and);
    }

    /** Splits on the commas outside double quotes. */
    private static List<String> splitSlots(final String body) {
        List<String> slots = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : body.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                slots.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        slots.add(current.toString());
        return slots;
    }

    private static Pattern wildcard(final String value) {
        List<String> quoted = new ArrayList<>();
        for (String part : value.split("\\*", -1)) {
            quoted.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", quoted), Pattern.DOTALL);
    }
}
