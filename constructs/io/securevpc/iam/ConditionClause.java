package io.securevpc.iam;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One condition of a {@link PolicyRule} (the C of PARC, BP-IAM-3): an operator, a condition key and the values
 * it is compared with (any value matches; for a negated operator, none may match). Values may be CDK tokens
 * (e.g. a VPC ARN); the {@link PolicyEvaluator} needs literal values.
 *
 * @param operator one of {@link #OPERATORS}
 * @param key the condition key, e.g. {@code ec2:Vpc} or {@code aws:MultiFactorAuthPresent}
 * @param values the values compared with the request's value of the key (one or more)
 */
public record ConditionClause(String operator, String key, List<String> values) {
    /** The operators the blueprint's policies use, and therefore the ones {@link PolicyEvaluator} implements. */
    public static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringLike",
            "StringNotLike", "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike", "Bool");

    public ConditionClause {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(key, "key");
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("condition operator '" + operator + "' is not one of " + OPERATORS);
        }
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("condition " + operator + " " + key + " needs at least one value");
        }
    }

    /** @return true for the operators that match when no value matches (and when the key is absent). */
    public boolean negated() {
        return operator.contains("Not");
    }
}
