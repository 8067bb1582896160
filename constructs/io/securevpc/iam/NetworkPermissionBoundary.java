package io.securevpc.iam;

import io.securevpc.ErrorCode;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PermissionsBoundary;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A customer-managed policy to use as the permission boundary of every role the blueprint creates (BP-IAM-1,
 * BP-MV-1 blast radius): allows at most the {@code ceiling} (exact resources of the VPC, no wildcard action or
 * resource), and denies what nobody bounded may ever do, whatever policy is attached to them later — the
 * {@link Guardrails}: touching flow logs, the trail, the Config recorder or GuardDuty, internet gateways and
 * public subnets outside the allowed VPCs, any region but the allowed ones, and the boundary itself.
 *
 * <p>{@link #applyTo(IConstruct)} sets it on every IAM role and user in a scope through an aspect, CDK's own
 * helper roles included (custom-resource providers are raw {@code AWS::IAM::Role} resources, which the aspect
 * also covers). The same denies, as a service control policy for an organization:
 * {@link Guardrails#serviceControlPolicy(Guardrails.Settings)}.
 */
public class NetworkPermissionBoundary extends Construct {
    private static final int MAX_POLICY_NAME = 128;
    private static final int ESTIMATED_TOKEN_CHARS = 24;

    private final ManagedPolicy policy;
    private final List<PolicyRule> rules;

    public NetworkPermissionBoundary(final @NotNull Construct scope, final @NotNull String id,
                                     final @NotNull NetworkPermissionBoundaryProps props) {
        super(scope, id);
        RequiredProps.of("NetworkPermissionBoundary").require("props", props).check();
        validate(props);
        Stack stack = Stack.of(this);
        String name = props.getManagedPolicyName() != null ? props.getManagedPolicyName()
                : Names.uniqueResourceName(this, UniqueResourceNameOptions.builder().maxLength(MAX_POLICY_NAME).build());
        String arn = "arn:" + stack.getPartition() + ":iam::" + stack.getAccount() + ":policy/" + name;
        Guardrails.Settings settings = new Guardrails.Settings(stack.getPartition(),
                props.getAllowedRegions() != null ? props.getAllowedRegions() : List.of(stack.getRegion()),
                orEmpty(props.getInternetVpcs()).stream().map(v -> v.getVpcArn()).toList(),
                orEmpty(props.getProtectedLogGroups()).stream().map(g -> g.getLogGroupArn()).toList(),
                arn);
        this.rules = Guardrails.boundary(props.getCeiling(), settings);
        this.policy = ManagedPolicy.Builder.create(this, "Policy")
                .managedPolicyName(name)
                .description("Permission boundary of the network's roles: at most the network's own resources; "
                        + "never flow logs, trail, Config, GuardDuty, public exposure, other regions or this boundary")
                .statements(rules.stream().map(PolicyRule::toStatement).toList())
                .build();
        warnIfTooLarge();
    }

    /** @return the managed policy, e.g. for {@code Role.Builder.permissionsBoundary(...)}. */
    public @NotNull IManagedPolicy getPolicy() {
        return policy;
    }

    /** @return the boundary's statements: the ceiling's allows, then the guardrail denies. */
    public @NotNull List<PolicyRule> getRules() {
        return rules;
    }

    /**
     * Sets this boundary on every IAM role and user in {@code scope} (an aspect, so roles added later are covered),
     * including roles CDK creates for its own helpers.
     */
    public void applyTo(final @NotNull IConstruct scope) {
        PermissionsBoundary.of(scope).apply(policy);
    }

    /** IAM refuses a managed policy over 6,144 characters at deployment; resource-id tokens are estimated at 24 characters. */
    private void warnIfTooLarge() {
        int estimate = Guardrails.estimatedSize(rules, ESTIMATED_TOKEN_CHARS);
        if (estimate > Guardrails.MANAGED_POLICY_MAX_CHARS) {
            Annotations.of(this).addWarningV2("@securevpc/iam:boundaryTooLarge", "the permission boundary is about "
                    + estimate + " characters once deployed, over IAM's limit of " + Guardrails.MANAGED_POLICY_MAX_CHARS
                    + ": bound fewer resources per boundary (e.g. one boundary per VPC)");
        }
    }

    private void validate(final NetworkPermissionBoundaryProps props) {
        Problems problems = new Problems();
        if (props.getCeiling().isEmpty()) {
            problems.add(ErrorCode.IAM_POLICY, "ceiling", "[]",
                    "the allow statements of the roles it bounds (a boundary with no allow grants nothing)");
        }
        props.getCeiling().stream().filter(r -> r.effect() != RuleEffect.ALLOW).forEach(r -> problems.add(
                ErrorCode.IAM_POLICY, "ceiling", r.sid(), "allow statements only; the denies are the guardrails"));
        if (props.getAllowedRegions() != null && props.getAllowedRegions().isEmpty()) {
            problems.add(ErrorCode.IAM_POLICY, "allowedRegions", "[]", "at least one region, or unset for the stack's");
        }
        List<String> regions = props.getAllowedRegions() == null ? List.of() : props.getAllowedRegions();
        for (int i = 0; i < regions.size(); i++) {
            AwsIds.check(problems, ErrorCode.IAM_POLICY, "allowedRegions[" + i + "]", regions.get(i),
                    AwsIds.Format.REGION_NAME);
        }
        String name = props.getManagedPolicyName();
        if (name != null && !Token.isUnresolved(name) && !name.matches("^[\\w+=,.@-]{1,128}$")) {
            problems.add(ErrorCode.IAM_POLICY, "managedPolicyName", name, "1-128 letters, digits and +=,.@-_");
        }
        problems.throwIfAny(() -> "NetworkPermissionBoundary " + getNode().getPath());
    }

    /** The one default of the optional lists: unset means none. */
    private static <T> List<T> orEmpty(final @Nullable List<T> given) {
        return given != null ? given : List.of();
    }
}
