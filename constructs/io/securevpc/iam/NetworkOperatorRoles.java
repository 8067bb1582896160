package io.securevpc.iam;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PrincipalWithConditions;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The roles that operate one VPC, one per {@link OperatorDuty} (BP-IAM-1, BP-IAM-4): network administrator,
 * security-group administrator, NACL administrator and audit reader. Each role:
 * <ul>
 *   <li>is assumable only by the principals named for its duty, with MFA required by default and an optional
 *       external id (BP-IAM-3: conditions on the trust policy), for at most one hour;</li>
 *   <li>holds one customer-managed policy ({@link OperatorPolicies}) and no inline policy: no AWS-managed
 *       policy, no wildcard action, and every grant names this VPC's exact resources, with {@code ec2:Vpc}
 *       required to be this VPC wherever the resource type supports it (BP-IAM-2);</li>
 *   <li>cannot gain more later: the role is exposed {@code withoutPolicyUpdates()}, so {@code grant*} calls on
 *       it add nothing.</li>
 * </ul>
 * The rules behind each policy are available as data ({@link #rules(OperatorDuty)}), to build a permission
 * boundary's ceiling ({@link NetworkPermissionBoundary}) and to test who may do what ({@link PolicyEvaluator}).
 *
 * <pre>
 * NetworkOperatorRoles roles = new NetworkOperatorRoles(this, "Operators", NetworkOperatorRolesProps.builder()
 *         .vpc(network.getVpc())
 *         .securityGroupAdmins(List.of(new ArnPrincipal("arn:aws:iam::111111111111:role/NetSec")))
 *         .securityGroups(List.of(appGroup, dataGroup))
 *         .build());
 * </pre>
 */
public class NetworkOperatorRoles extends Construct {
    private final NetworkOperatorRolesProps props;
    private final Map<OperatorDuty, List<PolicyRule>> rules = new EnumMap<>(OperatorDuty.class);
    private final Map<OperatorDuty, Role> roles = new EnumMap<>(OperatorDuty.class);
    private final Map<OperatorDuty, ManagedPolicy> policies = new EnumMap<>(OperatorDuty.class);

    public NetworkOperatorRoles(final @NotNull Construct scope, final @NotNull String id,
                                final @NotNull NetworkOperatorRolesProps props) {
        super(scope, id);
        RequiredProps.of("NetworkOperatorRoles").require("props", props).check();
        this.props = props;
        validate();
        NetworkResources resources = readResources();
        for (Map.Entry<OperatorDuty, List<IPrincipal>> duty : principalsByDuty().entrySet()) {
            createRole(duty.getKey(), duty.getValue(), resources);
        }
        warnAboutWeakenings();
    }

    /** @return the role of a duty, or {@code null} when no principal was named for it. */
    public @Nullable IRole role(final @NotNull OperatorDuty duty) {
        Role role = roles.get(duty);
        return role == null ? null : role.withoutPolicyUpdates();
    }

    /** @return the customer-managed policy of a duty's role, or {@code null} when the role was not created. */
    public @Nullable IManagedPolicy policy(final @NotNull OperatorDuty duty) {
        return policies.get(duty);
    }

    /** @return the statements of a duty's policy (empty when the role was not created). */
    public @NotNull List<PolicyRule> rules(final @NotNull OperatorDuty duty) {
        return rules.getOrDefault(duty, List.of());
    }

    /** @return the statements of every created role, in duty order: the ceiling of a permission boundary. */
    public @NotNull List<PolicyRule> allRules() {
        return rules.values().stream().flatMap(List::stream).collect(Collectors.toList());
    }

    private void validate() {
        Problems problems = new Problems();
        Map<OperatorDuty, List<IPrincipal>> given = principalsByDuty();
        if (given.isEmpty()) {
            problems.add(ErrorCode.IAM_ROLES, "networkAdmins/securityGroupAdmins/naclAdmins/auditReaders", null,
                    "name the principals of at least one duty");
        }
        checkPrincipals(problems, "networkAdmins", props.getNetworkAdmins());
        checkPrincipals(problems, "securityGroupAdmins", props.getSecurityGroupAdmins());
        checkPrincipals(problems, "naclAdmins", props.getNaclAdmins());
        checkPrincipals(problems, "auditReaders", props.getAuditReaders());
        if (given.containsKey(OperatorDuty.SECURITY_GROUP_ADMIN) && orEmpty(props.getSecurityGroups()).isEmpty()) {
            problems.add(ErrorCode.IAM_ROLES, "securityGroups", "(none)",
                    "the security groups the security-group administrators manage (they get nothing else)");
        }
        if (given.containsKey(OperatorDuty.NACL_ADMIN) && orEmpty(props.getNetworkAcls()).isEmpty()) {
            problems.add(ErrorCode.IAM_ROLES, "networkAcls", "(none)",
                    "the network ACLs the NACL administrators manage (they get nothing else)");
        }
        if (given.containsKey(OperatorDuty.AUDIT_READER) && orEmpty(props.getAuditLogGroups()).isEmpty()
                && orEmpty(props.getAuditBuckets()).isEmpty()) {
            problems.add(ErrorCode.IAM_ROLES, "auditLogGroups/auditBuckets", "(none)",
                    "the flow-log and audit log groups or buckets the audit readers read");
        }
        String externalId = props.getExternalId();
        if (externalId != null && !Token.isUnresolved(externalId)
                && !externalId.matches("^[\\w+=,.@:/-]{2,1224}$")) {
            problems.add(ErrorCode.IAM_ROLES, "externalId", externalId,
                    "2 to 1224 characters: letters, digits and +=,.@:/-");
        }
        problems.throwIfAny(() -> "NetworkOperatorRoles " + getNode().getPath());
    }

    private static void checkPrincipals(final Problems problems, final String prop, final List<IPrincipal> given) {
        if (given != null && given.isEmpty()) {
            problems.add(ErrorCode.IAM_ROLES, prop, "[]", "at least one principal, or leave it unset for no role");
        }
    }

    private Map<OperatorDuty, List<IPrincipal>> principalsByDuty() {
        Map<OperatorDuty, List<IPrincipal>> map = new LinkedHashMap<>();
        putIfGiven(map, OperatorDuty.NETWORK_ADMIN, props.getNetworkAdmins());
        putIfGiven(map, OperatorDuty.SECURITY_GROUP_ADMIN, props.getSecurityGroupAdmins());
        putIfGiven(map, OperatorDuty.NACL_ADMIN, props.getNaclAdmins());
        putIfGiven(map, OperatorDuty.AUDIT_READER, props.getAuditReaders());
        return map;
    }

    private static void putIfGiven(final Map<OperatorDuty, List<IPrincipal>> map, final OperatorDuty duty,
                                   final List<IPrincipal> principals) {
        if (principals != null && !principals.isEmpty()) {
            map.put(duty, principals);
        }
    }

    /** Reads the VPC's resources once (each getter is a call into the CDK's JavaScript runtime). */
    private NetworkResources readResources() {
        Stack stack = Stack.of(this);
        IVpc vpc = props.getVpc();
        Set<String> subnetIds = new LinkedHashSet<>();
        Set<String> routeTableIds = new LinkedHashSet<>();
        List<ISubnet> subnets = new ArrayList<>();
        subnets.addAll(vpc.getPublicSubnets());
        subnets.addAll(vpc.getPrivateSubnets());
        subnets.addAll(vpc.getIsolatedSubnets());
        for (ISubnet subnet : subnets) {
            subnetIds.add(subnet.getSubnetId());
            routeTableIds.add(subnet.getRouteTable().getRouteTableId());
        }
        return NetworkResources.builder(stack.getPartition(), stack.getRegion(), stack.getAccount(), vpc.getVpcId())
                .subnetIds(List.copyOf(subnetIds))
                .routeTableIds(List.copyOf(routeTableIds))
                .securityGroupIds(orEmpty(props.getSecurityGroups()).stream().map(g -> g.getSecurityGroupId()).toList())
                .networkAclIds(orEmpty(props.getNetworkAcls()).stream().map(a -> a.getNetworkAclId()).toList())
                .vpcEndpointIds(orEmpty(props.getVpcEndpoints()).stream().map(e -> e.getVpcEndpointId()).toList())
                .logGroupArns(orEmpty(props.getAuditLogGroups()).stream().map(g -> g.getLogGroupArn()).toList())
                .bucketArns(orEmpty(props.getAuditBuckets()).stream().map(b -> b.getBucketArn()).toList())
                .build();
    }

    private void createRole(final OperatorDuty duty, final List<IPrincipal> principals, final NetworkResources r) {
        List<PolicyRule> dutyRules = new ArrayList<>(OperatorPolicies.rules(duty, r));
        if (Boolean.TRUE.equals(props.getGrantDescribe())) {
            dutyRules.add(OperatorPolicies.describe(duty, r.region()));
        }
        Role role = Role.Builder.create(this, duty.id())
                .description(duty.description())
                .assumedBy(trust(principals))
                .maxSessionDuration(Duration.hours(1))
                .build();
        ManagedPolicy policy = ManagedPolicy.Builder.create(this, duty.id() + "Policy")
                .description(duty.description() + " (least privilege, exact resources)")
                .statements(dutyRules.stream().map(PolicyRule::toStatement).toList())
                .roles(List.of(role))
                .build();
        rules.put(duty, List.copyOf(dutyRules));
        roles.put(duty, role);
        policies.put(duty, policy);
    }

    /** Every named principal, each with the same conditions (one trust statement each). */
    private IPrincipal trust(final List<IPrincipal> principals) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        if (!Boolean.FALSE.equals(props.getRequireMfa())) {
            conditions.put("Bool", Maps.of("aws:MultiFactorAuthPresent", "true"));
        }
        if (props.getExternalId() != null) {
            conditions.put("StringEquals", Maps.of("sts:ExternalId", props.getExternalId()));
        }
        List<IPrincipal> conditioned = principals.stream()
                .map(p -> conditions.isEmpty() ? p : (IPrincipal) new PrincipalWithConditions(p, conditions))
                .toList();
        return conditioned.size() == 1 ? conditioned.get(0)
                : new CompositePrincipal(conditioned.toArray(new IPrincipal[0]));
    }

    private void warnAboutWeakenings() {
        if (Boolean.FALSE.equals(props.getRequireMfa())) {
            Annotations.of(this).addWarningV2("@securevpc/iam:noMfa",
                    "requireMfa is false: the operator roles can be assumed without MFA (BP-IAM-3)");
        }
        if (Boolean.TRUE.equals(props.getGrantDescribe())) {
            Annotations.of(this).addWarningV2("@securevpc/iam:describeOnAnyResource",
                    "grantDescribe is true: each role may call its describe/list actions on Resource \"*\" in this "
                            + "region (they have no resource-level permissions); AwsSolutions-IAM5 reports it");
        }
    }

    /** The one default of the optional resource lists: unset means none. */
    private static <T> List<T> orEmpty(final @Nullable List<T> given) {
        return given != null ? given : List.of();
    }
}
