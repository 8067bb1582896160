package io.securevpc.internal;

import io.securevpc.compliance.Acknowledgements;
import io.securevpc.compliance.ResourceNarrowing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * Acknowledges AwsSolutions-IAM5 on a remediation policy, one granular finding per wildcard resource
 * ({@code AwsSolutions-IAM5[Resource::<resource>]}), each with a reason that states what narrows that resource in
 * the policy: the condition keys every statement naming it carries ("Narrowed by ec2:Vpc."), or that its actions
 * have no resource-level permissions. A wildcard that is neither narrowed nor limited to such actions is not
 * acknowledged, so the finding stays for the gate to report (as BlueprintChecks' RolePolicyWildcardResourceNarrowed
 * does). Not API.
 */
public final class WildcardAcknowledgements {
    /** The words before the condition keys in a reason; a test reads the keys after them. */
    public static final String NARROWED_BY = "Narrowed by ";
    /** The words before the actions in a reason for a resource of actions without resource-level permissions. */
    public static final String NO_RESOURCE_LEVEL = "No resource-level permissions: ";

    private static final Set<String> OPERATORS = Set.of("arnequals", "arnlike", "stringequals", "stringlike");

    private WildcardAcknowledgements() {
    }

    /**
     * @param why why the policy's resources cannot be named (e.g. "remediation acts on whichever instance a finding
     *     names"); the narrowing of each resource is added to it
     */
    public static void acknowledge(final @NotNull ManagedPolicy policy, final @NotNull List<PolicyStatement> statements,
                                   final @NotNull String why) {
        Stack stack = Stack.of(policy);
        Map<String, List<PolicyStatement>> byResource = new LinkedHashMap<>();
        for (PolicyStatement statement : statements) {
            for (String resource : statement.getResources()) {
                String flat = CfnReferences.flatten(stack.resolve(resource));
                if (flat.contains("*")) {
                    byResource.computeIfAbsent(flat, k -> new ArrayList<>()).add(statement);
                }
            }
        }
        CfnResource cfn = (CfnResource) policy.getNode().getDefaultChild();
        byResource.forEach((resource, naming) -> {
            String narrowing = narrowing(stack, naming);
            if (narrowing != null) {
                Acknowledgements.acknowledge(cfn, sentence(why) + " " + narrowing,
                        "AwsSolutions-IAM5[Resource::" + resource + "]");
            }
        });
    }

    /** @return the sentence on what narrows a resource in all the statements naming it, or null when nothing does. */
    private static String narrowing(final Stack stack, final List<PolicyStatement> statements) {
        Set<String> common = null;
        Set<String> actions = new LinkedHashSet<>();
        for (PolicyStatement statement : statements) {
            Set<String> keys = conditionKeys(stack, statement);
            if (common == null) {
                common = keys;
            } else {
                common.retainAll(keys);
            }
            actions.addAll(statement.getActions());
        }
        if (common != null && ResourceNarrowing.narrows(common)) {
            return NARROWED_BY + String.join(" and ", common) + ".";
        }
        if (!actions.isEmpty() && actions.stream().allMatch(ResourceNarrowing::hasNoResourceLevelPermissions)) {
            return NO_RESOURCE_LEVEL + String.join(", ", actions) + ".";
        }
        return null;
    }

    /** The condition keys of a statement under a positive operator, in the order written. */
    private static Set<String> conditionKeys(final Stack stack, final PolicyStatement statement) {
        Set<String> keys = new LinkedHashSet<>();
        Object resolved = stack.resolve(statement.getConditions());
        if (resolved instanceof Map<?, ?> operators) {
            operators.forEach((operator, byKey) -> {
                if (OPERATORS.contains(String.valueOf(operator).toLowerCase(Locale.ROOT))
                        && byKey instanceof Map<?, ?> m) {
                    m.keySet().forEach(k -> keys.add(String.valueOf(k)));
                }
            });
        }
        return keys;
    }

    private static String sentence(final String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }
}
