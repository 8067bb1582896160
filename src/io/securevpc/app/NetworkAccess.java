package io.securevpc.app;

import io.securevpc.iam.MonitoringGuardrailPolicy;
import io.securevpc.iam.MonitoringGuardrailPolicyProps;
import io.securevpc.iam.NetworkOperatorRoles;
import io.securevpc.iam.NetworkOperatorRolesProps;
import io.securevpc.iam.NetworkPermissionBoundary;
import io.securevpc.iam.NetworkPermissionBoundaryProps;
import io.securevpc.iam.OperatorDuty;
import io.securevpc.iam.PolicyRule;
import io.securevpc.iam.ServiceRoleRules;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.ec2.INetworkAcl;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Who may operate the network of one {@link NetworkStack} (BP-IAM-1..4): the four operator roles on the stack's
 * VPC, its security groups, NACLs, endpoints and flow logs, and one permission boundary set on every role of the
 * stack (operators, the flow-log delivery role and CDK's helper roles).
 *
 * <p>The roles trust the stack's own account with MFA: which people or groups may assume each role is then
 * decided by the account's identity policies ({@code sts:AssumeRole} on the role's ARN), so the app names no
 * person. Internet gateways and public subnets are allowed only in this VPC, and only when it has a public tier.
 */
public final class NetworkAccess extends Construct {
    private final NetworkOperatorRoles operators;
    private final NetworkPermissionBoundary boundary;

    public NetworkAccess(final NetworkStack stack) {
        super(stack, "Access");
        SecureVpc network = stack.getNetwork();
        List<IPrincipal> account = List.of(new AccountRootPrincipal());
        // The stack's constructs, listed once: every construct JavaScript returns costs Java a round trip.
        List<IConstruct> found = stack.getNode().findAll();
        this.operators = new NetworkOperatorRoles(this, "Operators", NetworkOperatorRolesProps.builder()
                .vpc(network.getVpc())
                .networkAdmins(account)
                .securityGroupAdmins(account)
                .naclAdmins(account)
                .auditReaders(account)
                .securityGroups(ofType(found, ISecurityGroup.class))
                .networkAcls(networkAcls(network))
                .auditLogGroups(present(network.getFlowLogGroup()))
                .auditBuckets(present(network.getFlowLogBucket()))
                .build());
        List<PolicyRule> ceiling = new ArrayList<>(operators.allRules());
        ceiling.addAll(ServiceRoleRules.of(network));
        boolean hasPublicTier = network.getTiers().stream().anyMatch(t -> t.getKind() == TierKind.PUBLIC);
        this.boundary = new NetworkPermissionBoundary(this, "Boundary", NetworkPermissionBoundaryProps.builder()
                .ceiling(ceiling)
                .internetVpcs(hasPublicTier ? List.of(network.getVpc()) : List.of())
                .protectedLogGroups(present(network.getFlowLogGroup()))
                .build());
        boundary.applyTo(stack);
    }

    /**
     * Attaches the monitoring guardrails (BP-MON-3/4/5, BP-AUD-1/2) to the operator roles: they may not change or
     * delete the blueprint's rules, alarms, log groups, runbooks, keys, stacks, the alerts topic's subscriptions
     * or the alarms topic's subscriptions, or the log archive's bucket policy, lifecycle and Object Lock. The pipeline (CDK's deployment role) is exempt.
     */
    public MonitoringGuardrailPolicy protectMonitoring(final AuditStack audit, final DetectionStack detection) {
        List<IBucket> archive = List.of(audit.getArchive().getBucket(), audit.getArchive().getConfigBucket());
        return new MonitoringGuardrailPolicy(this, "MonitoringGuardrails", MonitoringGuardrailPolicyProps.builder()
                .roles(Arrays.stream(OperatorDuty.values()).map(operators::role).filter(Objects::nonNull).toList())
                .archiveBuckets(archive)
                .protectedStacks(List.of(audit, detection))
                .alertTopics(audit.getAlarms() == null ? List.of(detection.getAlerts().getTopic())
                        : List.of(detection.getAlerts().getTopic(), audit.getAlarms().getTopic()))
                .build());
    }

    public NetworkOperatorRoles getOperators() {
        return operators;
    }

    public NetworkPermissionBoundary getBoundary() {
        return boundary;
    }

    private static List<INetworkAcl> networkAcls(final SecureVpc network) {
        return network.getTiers().stream().filter(t -> !t.isReserved()).map(SubnetTier::getName)
                .map(network::networkAcl).toList();
    }

    /** The constructs of one type (SecureVpc does not list its security groups or endpoints). */
    private static <T> List<T> ofType(final List<IConstruct> constructs, final Class<T> type) {
        List<T> found = new ArrayList<>();
        for (IConstruct c : constructs) {
            if (type.isInstance(c)) {
                found.add(type.cast(c));
            }
        }
        return found;
    }

    private static <T> List<T> present(final T value) {
        return value == null ? List.of() : List.of(Objects.requireNonNull(value));
    }
}
