package io.securevpc.iam;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
            "StringNotLike", "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike", "Bool", "Null",
            "ForAnyValue:StringEquals");

    public ConditionClause {
        RequiredProps.of("ConditionClause").require("operator", operator).require("key", key)
                .require("values", values).elements("values", values).check();
        Problems problems = new Problems();
        if (!OPERATORS.contains(operator)) {
            problems.add(ErrorCode.IAM_POLICY, "operator", operator, "one of " + new TreeSet<>(OPERATORS));
        }
        if (values.isEmpty()) {
            problems.add(ErrorCode.IAM_POLICY, "values", values, "at least one value to compare " + key + " with");
        }
        problems.throwIfAny("condition " + operator + " " + key);
        values = List.copyOf(values);
    }

    /** @return true for the operators that match when no value matches (and when the key is absent). */
    public boolean negated() {
        return operator.contains("Not");
    }
}
