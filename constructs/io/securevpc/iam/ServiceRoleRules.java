package io.securevpc.iam;

import io.securevpc.network.ISecureVpc;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Vpc;

/**
 * What the service roles a {@link ISecureVpc} creates need, as rules for a {@link NetworkPermissionBoundary}'s
 * ceiling, each on its exact resource (BP-IAM-2):
 * <ul>
 *   <li>the flow-log delivery role writes to its one log group (BP-MON-1);</li>
 *   <li>CDK's restrict-default-security-group provider removes the rules of the VPC's default group.</li>
 * </ul>
 * Known limit: that CDK provider's Lambda also writes its own logs (AWS-managed basic execution policy) to a log
 * group named after the function; naming it in the boundary would make the boundary depend on the function that
 * depends on the bounded role, a cycle. Under the boundary the provider runs, but its logs are not written.
 */
public final class ServiceRoleRules {
    /** The actions of the flow-log delivery role, as {@code VpcFlowLogs} grants them. */
    public static final List<String> FLOW_LOG_DELIVERY_ACTIONS = List.of(
            "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams");
    /** The actions of CDK's restrict-default-security-group provider. */
    public static final List<String> DEFAULT_SECURITY_GROUP_ACTIONS = List.of(
            "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
            "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress");

    private ServiceRoleRules() {
    }

    /** @return the rules of the service roles of one SecureVpc. */
    public static @NotNull List<PolicyRule> of(final @NotNull ISecureVpc network) {
        List<PolicyRule> rules = new ArrayList<>();
        if (network.getFlowLogGroup() != null) {
            rules.add(PolicyRule.allow("FlowLogDeliveryWritesItsGroup").actions(FLOW_LOG_DELIVERY_ACTIONS)
                    .resources(network.getFlowLogGroup().getLogGroupArn()).build());
        }
        if (network.getVpc() instanceof Vpc vpc) {
            Stack stack = Stack.of(network);
            rules.add(PolicyRule.allow("RestrictTheDefaultSecurityGroup").actions(DEFAULT_SECURITY_GROUP_ACTIONS)
                    .resources("arn:" + stack.getPartition() + ":ec2:" + stack.getRegion() + ":" + stack.getAccount()
                            + ":security-group/" + vpc.getVpcDefaultSecurityGroup())
                    .build());
        }
        return List.copyOf(rules);
    }
}
