package io.securevpc.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jetbrains.annotations.NotNull;

/**
 * A small evaluator of the blueprint's own {@link PolicyRule}s, so that who may do what is a unit test
 * (BP-IAM-1..4). It implements the part of the IAM evaluation logic those rules use:
 * <ul>
 *   <li>an explicit deny wins; otherwise an allow grants; otherwise the request is not granted (implicit deny);</li>
 *   <li>{@code Action}/{@code NotAction} with {@code *} and {@code ?} wildcards, case-insensitive;</li>
 *   <li>{@code Resource}/{@code NotResource} ARNs with {@code *} and {@code ?} wildcards, case-sensitive;</li>
 *   <li>the condition operators of {@link ConditionClause#OPERATORS}: a clause matches when any value matches;
 *       a negated clause when none does; a key absent from the request fails a positive clause and satisfies a
 *       negated one, as in IAM; {@code Null} tests whether the key is present; {@code ForAnyValue:StringEquals}
 *       compares the request's one value of the key;</li>
 *   <li>a permission boundary ({@link #evaluate(List, List, AccessRequest)}): allowed only when both the
 *       identity policy and the boundary allow, and neither denies.</li>
 * </ul>
 * Not modelled: resource-based policies, session policies, SCPs of an organization, {@code ...IfExists},
 * multi-valued keys ({@code ForAllValues}, several values of {@code ForAnyValue}), policy variables. The rules' values must be literals, not CDK tokens.
 */
public final class PolicyEvaluator {
    /** The outcome of one request. */
    public enum Decision {
        /** An allow matched and no deny did. */
        ALLOWED,
        /** An explicit deny matched. */
        DENIED,
        /** Nothing matched (implicit deny), or the boundary does not allow it. */
        NOT_GRANTED
    }

    private PolicyEvaluator() {
    }

    /** Evaluates one request against the rules of one identity (all its policies' rules together). */
    public static @NotNull Decision evaluate(final @NotNull List<PolicyRule> rules, final @NotNull AccessRequest request) {
        boolean allowed = false;
        for (PolicyRule rule : rules) {
            if (applies(rule, request)) {
                if (rule.effect() == RuleEffect.DENY) {
                    return Decision.DENIED;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOWED : Decision.NOT_GRANTED;
    }

    /** Evaluates one request of an identity whose permissions are limited by a permission boundary. */
    public static @NotNull Decision evaluate(final @NotNull List<PolicyRule> identity, final @NotNull List<PolicyRule> boundary,
                                    final @NotNull AccessRequest request) {
        Decision byIdentity = evaluate(identity, request);
        Decision byBoundary = evaluate(boundary, request);
        if (byIdentity == Decision.DENIED || byBoundary == Decision.DENIED) {
            return Decision.DENIED;
        }
        return byIdentity == Decision.ALLOWED && byBoundary == Decision.ALLOWED ? Decision.ALLOWED : Decision.NOT_GRANTED;
    }

    /** @return whether the rule applies to the request (action, resource and every condition match). */
    static boolean applies(final PolicyRule rule, final AccessRequest request) {
        boolean action = rule.actions().isEmpty()
                ? rule.notActions().stream().noneMatch(a -> globMatches(a, request.action(), true))
                : rule.actions().stream().anyMatch(a -> globMatches(a, request.action(), true));
        boolean resource = rule.resources().isEmpty()
                ? rule.notResources().stream().noneMatch(r -> globMatches(r, request.resource(), false))
                : rule.resources().stream().anyMatch(r -> globMatches(r, request.resource(), false));
        return action && resource && rule.conditions().stream().allMatch(c -> holds(c, request.context()));
    }

    private static boolean holds(final ConditionClause clause, final Map<String, String> context) {
        String value = context.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(clause.key()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if ("Null".equals(clause.operator())) {
            // "true": the key must be absent; "false": present.
            return clause.values().contains(String.valueOf(value == null));
        }
        if (value == null) {
            return clause.negated();
        }
        boolean any = clause.values().stream().anyMatch(expected -> valueMatches(clause.operator(), expected, value));
        return clause.negated() != any;
    }

    private static boolean valueMatches(final String operator, final String expected, final String actual) {
        return switch (operator) {
            // A request here carries one value per key: ForAnyValue compares that one value.
            case "StringEquals", "StringNotEquals", "ForAnyValue:StringEquals" -> expected.equals(actual);
            case "StringLike", "StringNotLike", "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike" ->
                    globMatches(expected, actual, false);
            case "Bool" -> expected.equalsIgnoreCase(actual);
            default -> throw new IllegalArgumentException("operator not implemented: " + operator);
        };
    }

    /** IAM wildcard matching: {@code *} any run of characters (also across {@code :} and {@code /}), {@code ?} one. */
    static boolean globMatches(final String pattern, final String value, final boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        Pattern compiled = ignoreCase ? Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
                : Pattern.compile(regex.toString(), Pattern.DOTALL);
        return compiled.matcher(ignoreCase ? value.toLowerCase(Locale.ROOT) : value).matches();
    }
}
