package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.HardenedBuckets;
import io.securevpc.internal.KeyPolicies;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import io.securevpc.compliance.Acknowledgements;
import io.securevpc.network.PortRange;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.CfnVPCEndpointConnectionNotification;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpcEndpointService;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.VpcEndpointService;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseNetworkListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.IListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.INetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.INetworkLoadBalancerTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
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
 *   <li>Listeners carry TCP only (PrivateLink carries TCP); anything else is refused with a clear error.
 *       {@link #addTlsListener} terminates TLS at the load balancer with an ACM certificate and a TLS 1.2/1.3
 *       policy: the secure default, and the only listener for which a Network Load Balancer writes access
 *       logs. {@link #addListener} passes TCP through (for targets that terminate TLS themselves) and warns.</li>
 *   <li>The load balancer: internal, deletion protection on, cross-zone load balancing on (every target serves
 *       every AZ's endpoint interfaces), access logs on, to a bucket of its own by default: SSE-KMS under a
 *       rotated customer managed key, versioning, block public access, SSL-only, its own server access logs,
 *       lifecycle to colder storage, {@code RETAIN}; only the log-delivery service of this account and region may
 *       write to it.</li>
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
    private static final String ACCESS_LOGS_USE_BUCKET_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";
    private static final String DEFAULT_LOG_PREFIX = "privatelink-nlb";

    private final PrivateLinkServiceProps props;
    private final SecurityGroup securityGroup;
    private final IBucket accessLogBucket;
    private final NetworkLoadBalancer loadBalancer;
    private final VpcEndpointService service;
    private final Topic topic;

    public PrivateLinkService(final @NotNull Construct scope, final @NotNull String id,
                              final @NotNull PrivateLinkServiceProps props) {
        super(scope, id);
        RequiredProps.of("PrivateLinkService").require("props", props).check();
        // A library cannot rely on the app's cdk.json: the log bucket's own server access logs are granted by a
        // bucket policy (the ACL CDK would use otherwise is refused under BUCKET_OWNER_ENFORCED).
        getNode().setContext(ACCESS_LOGS_USE_BUCKET_POLICY, true);
        this.props = props;
        validate();
        this.securityGroup = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
                .vpc(props.getVpc())
                .description("PrivateLink service load balancer: reached only through consumer endpoints")
                .allowAllOutbound(false)
                .allowAllIpv6Outbound(false)
                .build();
        this.accessLogBucket = props.getAccessLogBucket() != null ? props.getAccessLogBucket() : createLogBucket();
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
     * Adds a TLS listener: TLS terminates at the load balancer with {@code certificate} (an ACM certificate, e.g.
     * {@code ListenerCertificate.fromArn(arn)}) under {@code sslPolicy} (TLS 1.3 and restricted TLS 1.2, with
     * post-quantum key exchange, by default); the load balancer forwards TCP to {@code targets} on
     * {@code targetPort} inside the provider VPC. The load balancer writes access logs for TLS listeners only.
     *
     * @param targets the targets; empty for a target group of IP targets registered later (e.g. by an ECS service)
     * @throws io.securevpc.BlueprintValidationException for a UDP or multi-port range, or an invalid port
     */
    public @NotNull NetworkListener addTlsListener(final @NotNull String id, final @NotNull PortRange port,
                                                   final @NotNull IListenerCertificate certificate,
                                                   final int targetPort,
                                                   final @NotNull List<INetworkLoadBalancerTarget> targets) {
        RequiredProps.of("PrivateLinkService.addTlsListener").require("id", id).require("port", port)
                .require("certificate", certificate).require("targets", targets).elements("targets", targets).check();
        validateListener(port, targetPort);
        NetworkTargetGroup group = targetGroup(id, targetPort, targets);
        return loadBalancer.addListener(id, BaseNetworkListenerProps.builder()
                .port(port.getFrom())
                .protocol(Protocol.TLS)
                .certificates(List.of(certificate))
                .sslPolicy(props.getSslPolicy() != null ? props.getSslPolicy() : SslPolicy.TLS13_12_RES_PQ)
                .defaultTargetGroups(List.of(group))
                .build());
    }

    /**
     * Adds a TCP listener that passes traffic through to {@code targets} on {@code targetPort}: for targets that
     * terminate TLS themselves. Warns at synth: the load balancer writes no access logs for it, and the stock
     * packs' ELBv2ACMCertificateRequired rules (HIPAA, NIST 800-53 R5, PCI DSS) report it; prefer
     * {@link #addTlsListener}.
     *
     * @param targets the targets; empty for a target group of IP targets registered later (e.g. by an ECS service)
     * @throws io.securevpc.BlueprintValidationException for a UDP or multi-port range, or an invalid port
     */
    public @NotNull NetworkListener addListener(final @NotNull String id, final @NotNull PortRange port,
                                                final int targetPort,
                                                final @NotNull List<INetworkLoadBalancerTarget> targets) {
        RequiredProps.of("PrivateLinkService.addListener").require("id", id).require("port", port)
                .require("targets", targets).elements("targets", targets).check();
        validateListener(port, targetPort);
        NetworkTargetGroup group = targetGroup(id, targetPort, targets);
        Annotations.of(this).addWarningV2("@securevpc/connectivity:tcpListener",
                "listener '" + id + "' passes TCP through: no TLS termination at the load balancer, no access logs "
                        + "(written for TLS listeners only); use addTlsListener unless the targets terminate TLS.");
        return loadBalancer.addListener(id, BaseNetworkListenerProps.builder()
                .port(port.getFrom())
                .protocol(Protocol.TCP)
                .defaultTargetGroups(List.of(group))
                .build());
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

    /** @return the bucket that receives the load balancer's access logs (given, or created). */
    public @NotNull IBucket getAccessLogBucket() {
        return accessLogBucket;
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
        String prefix = props.getAccessLogPrefix();
        if (prefix != null && (prefix.contains("AWSLogs") || prefix.startsWith("/") || prefix.endsWith("/"))) {
            problems.add(ErrorCode.CONNECTIVITY, "accessLogPrefix", prefix,
                    "a prefix without 'AWSLogs' (the load balancer adds it) and without leading or trailing '/'");
        }
        problems.throwIfAny(() -> "PrivateLinkService " + getNode().getPath());
    }

    private void validateListener(final PortRange port, final int targetPort) {
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
        problems.throwIfAny(() -> "PrivateLinkService " + getNode().getPath());
    }

    // ---------------------------------------------------------------------------------------- creation

    /**
     * The default access-log bucket. Its two findings that only a second region or an unproven delivery
     * behaviour could fix are acknowledged on it alone (docs/gate.md, the app's acknowledgements): give
     * {@code accessLogBucket} to log to a replicated or locked archive instead.
     */
    private Bucket createLogBucket() {
        Stack stack = Stack.of(this);
        Key key = Key.Builder.create(this, "AccessLogKey")
                .description("Encrypts the PrivateLink load-balancer access logs of " + getNode().getPath())
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        key.addToResourcePolicy(KeyPolicies.allowLogDelivery(stack));
        Bucket serverAccessLogs = HardenedBuckets.accessLogBucket(this, "AccessLogBucketLogs");
        Bucket bucket = HardenedBuckets.logBucket(this, "AccessLogBucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .serverAccessLogsBucket(serverAccessLogs)
                .serverAccessLogsPrefix("privatelink-log-bucket/")
                .build();
        HardenedBuckets.sendEventsToEventBridge(bucket);
        String replication = "Access logs of one load balancer, kept in its region: a cross-region replica needs a "
                + "bucket in a second region, outside this stack; versioning and RETAIN protect the records. Give "
                + "PrivateLinkService an accessLogBucket to log to a replicated archive.";
        for (Bucket b : List.of(bucket, serverAccessLogs)) {
            Acknowledgements.acknowledge((CfnResource) b.getNode().getDefaultChild(), replication,
                    "HIPAA.Security-S3BucketReplicationEnabled", "NIST.800.53.R4-S3BucketReplicationEnabled",
                    "NIST.800.53.R5-S3BucketReplicationEnabled", "PCI.DSS.321-S3BucketReplicationEnabled");
        }
        Acknowledgements.acknowledge((CfnResource) bucket.getNode().getDefaultChild(),
                "Object Lock default retention makes S3 require a Content-MD5/checksum header on every write, which "
                        + "load-balancer log delivery is not documented to send; versioning and RETAIN protect the "
                        + "records instead.",
                "NIST.800.53.R4-S3BucketDefaultLockEnabled");
        return bucket;
    }

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
        enableAccessLogs(nlb);
        return nlb;
    }

    /**
     * Access logs with the bucket policy the Network Load Balancer guide documents: only the log-delivery service,
     * only for log sources of this account and region, only under the prefix. (CDK's {@code logAccessLogs} also
     * grants the region's legacy ELB account, which a Network Load Balancer does not use, and needs a literal
     * region.)
     */
    private void enableAccessLogs(final NetworkLoadBalancer nlb) {
        Stack stack = Stack.of(this);
        String prefix = props.getAccessLogPrefix() != null ? props.getAccessLogPrefix() : DEFAULT_LOG_PREFIX;
        Map<String, Object> source = Maps.of(
                "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                "ArnLike", Maps.of("aws:SourceArn", "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":"
                        + stack.getAccount() + ":*"));
        ServicePrincipal delivery = new ServicePrincipal("delivery.logs.amazonaws.com");
        accessLogBucket.addToResourcePolicy(new PolicyStatement(PolicyStatementProps.builder()
                .sid("AWSLogDeliveryAclCheck")
                .effect(Effect.ALLOW)
                .principals(List.of(delivery))
                .actions(List.of("s3:GetBucketAcl", "s3:ListBucket"))
                .resources(List.of(accessLogBucket.getBucketArn()))
                .conditions(source)
                .build()));
        accessLogBucket.addToResourcePolicy(new PolicyStatement(PolicyStatementProps.builder()
                .sid("AWSLogDeliveryWrite")
                .effect(Effect.ALLOW)
                .principals(List.of(delivery))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(accessLogBucket.arnForObjects(prefix + "/AWSLogs/" + stack.getAccount() + "/*")))
                .conditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount(),
                                "s3:x-amz-acl", "bucket-owner-full-control"),
                        "ArnLike", source.get("ArnLike")))
                .build()));
        if (props.getAccessLogBucket() != null && props.getAccessLogBucket().getEncryptionKey() != null) {
            props.getAccessLogBucket().getEncryptionKey().addToResourcePolicy(KeyPolicies.allowLogDelivery(stack));
        }
        nlb.setAttribute("access_logs.s3.enabled", "true");
        nlb.setAttribute("access_logs.s3.bucket", accessLogBucket.getBucketName());
        nlb.setAttribute("access_logs.s3.prefix", prefix);
        // The load balancer checks that it may write when access logging is turned on.
        if (accessLogBucket.getPolicy() != null) {
            nlb.getNode().addDependency(accessLogBucket.getPolicy());
        }
    }

    private NetworkTargetGroup targetGroup(final String id, final int targetPort,
                                           final List<INetworkLoadBalancerTarget> targets) {
        NetworkTargetGroup.Builder b = NetworkTargetGroup.Builder.create(this, id + "Targets")
                .vpc(props.getVpc())
                .port(targetPort)
                .protocol(Protocol.TCP)
                .proxyProtocolV2(Boolean.TRUE.equals(props.getProxyProtocolV2()))
                .targets(targets);
        if (targets.isEmpty()) {
            b.targetType(TargetType.IP);
        }
        return b.build();
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
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", Stack.of(this).getAccount())))
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
    }
}
