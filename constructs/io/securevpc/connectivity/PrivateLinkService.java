package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import io.securevpc.network.PortRange;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.CfnVPCEndpointConnectionNotification;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpcEndpointService;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.VpcEndpointService;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddNetworkTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseNetworkListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.INetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.INetworkLoadBalancerTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * A service you provide to other VPCs over AWS PrivateLink (BP-MV-3): an endpoint service in front of an
 * internal Network Load Balancer.
 *
 * <ul>
 *   <li>Connection requests wait for acceptance by default; only the explicitly listed principals may ask
 *       (never {@code *}).</li>
 *   <li>TCP listeners only (PrivateLink carries TCP); anything else is refused with a clear error.</li>
 *   <li>The load balancer has a security group with no rules, and PrivateLink traffic is not evaluated
 *       against it: consumers reach it only through their endpoints, nothing inside the provider VPC reaches
 *       it directly. Allow it to reach the targets with {@code getConnections().allowTo(...)}.</li>
 *   <li>Every connection event (connect, accept, reject, delete) goes to an SNS topic encrypted with a
 *       customer managed key.</li>
 *   <li>Proxy Protocol v2 optional, e.g. to tell consumers of a multi-tenant service apart.</li>
 * </ul>
 */
public class PrivateLinkService extends Construct implements IConnectable {
    private static final Pattern PRINCIPAL_ARN = Pattern.compile(
            "^arn:aws[a-z-]*:iam::\\d{12}:(root|role/.+|user/.+)$");

    private final PrivateLinkServiceProps props;
    private final SecurityGroup securityGroup;
    private final NetworkLoadBalancer loadBalancer;
    private final VpcEndpointService service;
    private final Topic topic;

    public PrivateLinkService(final @NotNull Construct scope, final @NotNull String id,
                              final @NotNull PrivateLinkServiceProps props) {
        super(scope, id);
        this.props = props;
        validate();
        this.securityGroup = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
                .vpc(props.getVpc())
                .description("PrivateLink service load balancer: reached only through consumer endpoints")
                .allowAllOutbound(false)
                .allowAllIpv6Outbound(false)
                .build();
        this.loadBalancer = createLoadBalancer();
        this.service = VpcEndpointService.Builder.create(this, "Service")
                .vpcEndpointServiceLoadBalancers(List.of(loadBalancer))
                .acceptanceRequired(!Boolean.FALSE.equals(props.getAcceptanceRequired()))
                .allowedPrincipals(props.getAllowedPrincipals())
                .build();
        this.topic = createNotifications();
        warnAboutWeakenings();
    }

    // ---------------------------------------------------------------------------------------------- API

    /**
     * Adds a TCP listener forwarding to {@code targets} on {@code targetPort}.
     *
     * @throws io.securevpc.BlueprintValidationException for a UDP or multi-port range, or an invalid port
     */
    public @NotNull NetworkListener addListener(final @NotNull String id, final @NotNull PortRange port,
                                                final int targetPort,
                                                final @NotNull List<INetworkLoadBalancerTarget> targets) {
        Problems problems = new Problems();
        if (port.getProtocol() != PortRange.Protocol.TCP) {
            problems.add(ErrorCode.CONNECTIVITY, "port", port.toString(),
                    "a TCP port: AWS PrivateLink carries TCP only (BP-MV-3)");
        }
        if (port.getFrom() != port.getTo() || port.getFrom() < 1 || port.getTo() > 65535) {
            problems.add(ErrorCode.PORT, "port", port.toString(), "one port from 1 to 65535");
        }
        if (targetPort < 1 || targetPort > 65535) {
            problems.add(ErrorCode.PORT, "targetPort", targetPort, "a port from 1 to 65535");
        }
        if (targets.isEmpty()) {
            problems.add(ErrorCode.CONNECTIVITY, "targets", "[]", "at least one target");
        }
        problems.throwIfAny("PrivateLinkService " + getNode().getPath());
        NetworkListener listener = loadBalancer.addListener(id, BaseNetworkListenerProps.builder()
                .port(port.getFrom()).protocol(Protocol.TCP).build());
        listener.addTargets(id + "Targets", AddNetworkTargetsProps.builder()
                .port(targetPort)
                .protocol(Protocol.TCP)
                .proxyProtocolV2(Boolean.TRUE.equals(props.getProxyProtocolV2()))
                .targets(targets)
                .build());
        return listener;
    }

    /** @return the endpoint service; consumers use its {@code getVpcEndpointServiceName()}. */
    public @NotNull IVpcEndpointService getService() {
        return service;
    }

    /** @return the service name consumers create their endpoints with. */
    public @NotNull String getServiceName() {
        return service.getVpcEndpointServiceName();
    }

    /** @return the internal Network Load Balancer. */
    public @NotNull INetworkLoadBalancer getLoadBalancer() {
        return loadBalancer;
    }

    /** @return the encrypted topic that receives every connection event. */
    public @NotNull ITopic getNotificationTopic() {
        return topic;
    }

    /** The load balancer's security group: allow it to reach the targets (and their health checks). */
    @Override
    public @NotNull Connections getConnections() {
        return securityGroup.getConnections();
    }

    // ------------------------------------------------------------------------------------- validation

    private void validate() {
        Problems problems = new Problems();
        List<ArnPrincipal> principals = props.getAllowedPrincipals();
        if (principals.isEmpty()) {
            problems.add(ErrorCode.CONNECTIVITY, "allowedPrincipals", "[]",
                    "at least one account, role or user ARN allowed to connect (never *)");
        }
        for (ArnPrincipal principal : principals) {
            String arn = principal.getArn();
            if (Token.isUnresolved(arn)) {
                continue;
            }
            if (arn.contains("*")) {
                problems.add(ErrorCode.CONNECTIVITY, "allowedPrincipals", arn,
                        "explicit principals such as arn:aws:iam::123456789012:root; never a wildcard");
            } else if (!PRINCIPAL_ARN.matcher(arn).matches()) {
                problems.add(ErrorCode.CONNECTIVITY, "allowedPrincipals", arn,
                        "an IAM ARN of an account root, role or user, e.g. arn:aws:iam::123456789012:root");
            }
        }
        problems.throwIfAny("PrivateLinkService " + getNode().getPath());
    }

    // ---------------------------------------------------------------------------------------- creation

    private NetworkLoadBalancer createLoadBalancer() {
        NetworkLoadBalancer.Builder b = NetworkLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(props.getVpc())
                .internetFacing(false)
                .crossZoneEnabled(true)
                .deletionProtection(true)
                .securityGroups(List.of(securityGroup))
                .enforceSecurityGroupInboundRulesOnPrivateLinkTraffic(false);
        if (props.getSubnets() != null) {
            b.vpcSubnets(props.getSubnets());
        }
        NetworkLoadBalancer nlb = b.build();
        if (props.getAccessLogBucket() != null) {
            nlb.logAccessLogs(props.getAccessLogBucket());
        }
        return nlb;
    }

    private Topic createNotifications() {
        IKey key = props.getNotificationKey();
        if (key == null) {
            Key created = Key.Builder.create(this, "NotificationKey")
                    .description("Encrypts the PrivateLink connection notifications of " + getNode().getPath())
                    .enableKeyRotation(true)
                    .build();
            created.addToResourcePolicy(new PolicyStatement(PolicyStatementProps.builder()
                    .sid("AllowVpcEndpointServiceNotifications")
                    .effect(Effect.ALLOW)
                    .principals(List.of(new ServicePrincipal("vpce.amazonaws.com")))
                    .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt"))
                    .resources(List.of("*"))
                    .build()));
            key = created;
        }
        Topic notifications = Topic.Builder.create(this, "ConnectionNotifications")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        notifications.addToResourcePolicy(new PolicyStatement(PolicyStatementProps.builder()
                .sid("AllowVpcEndpointServiceOfThisAccount")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("vpce.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(notifications.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build()));
        CfnVPCEndpointConnectionNotification notification = CfnVPCEndpointConnectionNotification.Builder
                .create(this, "ConnectionNotification")
                .serviceId(service.getVpcEndpointServiceId())
                .connectionEvents(List.of("Connect", "Accept", "Reject", "Delete"))
                .connectionNotificationArn(notifications.getTopicArn())
                .build();
        notification.getNode().addDependency(notifications);
        return notifications;
    }

    private void warnAboutWeakenings() {
        Annotations annotations = Annotations.of(this);
        if (Boolean.FALSE.equals(props.getAcceptanceRequired())) {
            annotations.addWarningV2("@securevpc/connectivity:acceptanceNotRequired",
                    "acceptanceRequired is false: any allowed principal's endpoint connects without review (BP-MV-3).");
        }
        if (props.getTenancy() == PrivateLinkServiceProps.Tenancy.MULTI_TENANT
                && !Boolean.TRUE.equals(props.getProxyProtocolV2())) {
            annotations.addWarningV2("@securevpc/connectivity:multiTenantWithoutProxyProtocol",
                    "MULTI_TENANT without proxyProtocolV2: consumers must be told apart by application credentials "
                            + "or separate listener ports (BP-MV-3).");
        }
        if (props.getAccessLogBucket() == null) {
            annotations.addWarningV2("@securevpc/connectivity:noAccessLogs",
                    "no accessLogBucket: the load balancer writes no access logs.");
        }
    }
}
