package io.securevpc.iam;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * One typed policy statement (BP-IAM-3, PARC without the P: the principal is the role or account the policy is
 * attached to). Policies are data: the same rules render to CDK {@link PolicyStatement}s, to policy JSON (the
 * SCP document) and feed the {@link PolicyEvaluator}, so what a role may do is unit-tested, not assumed.
 *
 * <p>Built with {@link #allow(String)} or {@link #deny(String)}. The builder refuses what the blueprint never
 * grants (BP-IAM-1/2): an allow with a wildcard in an action, or an allow on {@code Resource: "*"} that no
 * condition narrows. Denies may use wildcards, {@code NotAction} and {@code NotResource}.
 *
 * @param sid statement id (letters and digits)
 * @param effect allow or deny
 * @param actions the actions, or empty when {@code notActions} is used
 * @param notActions the actions the statement does not apply to (denies only), or empty
 * @param resources the resource ARNs, or empty when {@code notResources} is used
 * @param notResources the resources the statement does not apply to (denies only), or empty
 * @param conditions every clause must hold for the statement to apply
 */
public record PolicyRule(String sid, RuleEffect effect, List<String> actions, List<String> notActions,
                         List<String> resources, List<String> notResources, List<ConditionClause> conditions) {

    public PolicyRule {
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        resources = List.copyOf(resources);
        notResources = List.copyOf(notResources);
        conditions = List.copyOf(conditions);
    }

    /** @return a builder of an allow statement. */
    public static Builder allow(final @NotNull String sid) {
        return new Builder(sid, RuleEffect.ALLOW);
    }

    /** @return a builder of a deny statement. */
    public static Builder deny(final @NotNull String sid) {
        return new Builder(sid, RuleEffect.DENY);
    }

    /** @return the rule as a CDK statement, for a {@code ManagedPolicy} or {@code PolicyDocument}. */
    public @NotNull PolicyStatement toStatement() {
        PolicyStatement.Builder b = PolicyStatement.Builder.create()
                .sid(sid)
                .effect(effect == RuleEffect.ALLOW ? Effect.ALLOW : Effect.DENY);
        if (!actions.isEmpty()) {
            b.actions(actions);
        } else {
            b.notActions(notActions);
        }
        if (!resources.isEmpty()) {
            b.resources(resources);
        } else {
            b.notResources(notResources);
        }
        if (!conditions.isEmpty()) {
            b.conditions(conditionBlock());
        }
        return b.build();
    }

    /** @return the rule as policy JSON (a map in the element order of the IAM grammar). */
    public @NotNull Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Sid", sid);
        json.put("Effect", effect.json());
        if (!actions.isEmpty()) {
            json.put("Action", single(actions));
        } else {
            json.put("NotAction", single(notActions));
        }
        if (!resources.isEmpty()) {
            json.put("Resource", single(resources));
        } else {
            json.put("NotResource", single(notResources));
        }
        if (!conditions.isEmpty()) {
            json.put("Condition", conditionBlock());
        }
        return json;
    }

    private Map<String, Object> conditionBlock() {
        Map<String, Object> block = new LinkedHashMap<>();
        for (ConditionClause c : conditions) {
            @SuppressWarnings("unchecked")
            Map<String, Object> byKey = (Map<String, Object>) block.computeIfAbsent(c.operator(),
                    k -> new LinkedHashMap<String, Object>());
            byKey.put(c.key(), single(c.values()));
        }
        return block;
    }

    private static Object single(final List<String> values) {
        return values.size() == 1 ? values.get(0) : values;
    }

    /** Builder of a {@link PolicyRule}; {@link #build()} validates. */
    public static final class Builder {
        private final String sid;
        private final RuleEffect effect;
        private final List<String> actions = new ArrayList<>();
        private final List<String> notActions = new ArrayList<>();
        private final List<String> resources = new ArrayList<>();
        private final List<String> notResources = new ArrayList<>();
        private final List<ConditionClause> conditions = new ArrayList<>();
        private final RequiredProps given = RequiredProps.of("PolicyRule");

        private Builder(final String sid, final RuleEffect effect) {
            this.sid = sid;
            this.effect = effect;
        }

        public Builder actions(final @NotNull String... v) {
            return add("actions", actions, v == null ? null : Arrays.asList(v));
        }

        public Builder actions(final @NotNull List<String> v) {
            return add("actions", actions, v);
        }

        /** Denies only: every action except these. */
        public Builder notActions(final @NotNull List<String> v) {
            return add("notActions", notActions, v);
        }

        public Builder resources(final @NotNull String... v) {
            return add("resources", resources, v == null ? null : Arrays.asList(v));
        }

        public Builder resources(final @NotNull List<String> v) {
            return add("resources", resources, v);
        }

        /** Denies only: every resource except these. */
        public Builder notResources(final @NotNull List<String> v) {
            return add("notResources", notResources, v);
        }

        /** Adds the values, recording a null list or null element for {@link #build()} to report. */
        private Builder add(final String prop, final List<String> to, final List<String> v) {
            given.require(prop, v).elements(prop, v);
            if (v != null) {
                to.addAll(v);
            }
            return this;
        }

        /** Adds a condition clause; several clauses must all hold. */
        public Builder when(final @NotNull String operator, final @NotNull String key, final @NotNull String... values) {
            conditions.add(new ConditionClause(operator, key, values == null ? null : Arrays.asList(values)));
            return this;
        }

        /** Adds a condition clause with a list of values (any may match). */
        public Builder when(final @NotNull String operator, final @NotNull String key, final @NotNull List<String> values) {
            conditions.add(new ConditionClause(operator, key, values));
            return this;
        }

        /** Adds the clauses, when given. */
        public Builder when(final @Nullable List<ConditionClause> clauses) {
            given.elements("when", clauses);
            if (clauses != null) {
                conditions.addAll(clauses);
            }
            return this;
        }

        /** @throws io.securevpc.BlueprintValidationException listing every problem of the statement */
        public PolicyRule build() {
            given.require("sid", sid).check();
            Problems problems = new Problems();
            if (sid == null || !sid.matches("^[A-Za-z0-9]+$")) {
                problems.add(ErrorCode.IAM_POLICY, "sid", sid, "letters and digits only");
            }
            if (actions.isEmpty() == notActions.isEmpty()) {
                problems.add(ErrorCode.IAM_POLICY, "actions", actions, "either actions or notActions, not both or none");
            }
            if (resources.isEmpty() == notResources.isEmpty()) {
                problems.add(ErrorCode.IAM_POLICY, "resources", resources,
                        "either resources or notResources, not both or none");
            }
            if (effect == RuleEffect.ALLOW) {
                validateAllow(problems);
            }
            problems.throwIfAny("policy statement " + sid);
            return new PolicyRule(sid, effect, actions, notActions, resources, notResources, conditions);
        }

        private void validateAllow(final Problems problems) {
            if (!notActions.isEmpty() || !notResources.isEmpty()) {
                problems.add(ErrorCode.IAM_POLICY, "notActions/notResources", sid,
                        "an allow names its actions and resources (NotAction/NotResource only in denies)");
            }
            for (String action : actions) {
                if (action.contains("*") || action.contains("?")) {
                    problems.add(ErrorCode.IAM_POLICY, "actions", action,
                            "an allow names each action; no wildcard actions (BP-IAM-1)");
                }
            }
            if (resources.contains("*") && conditions.isEmpty()) {
                problems.add(ErrorCode.IAM_POLICY, "resources", "*",
                        "Resource \"*\" only for actions without resource-level permissions, narrowed by a condition");
            }
        }
    }
}
