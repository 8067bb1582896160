package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import org.jetbrains.annotations.NotNull;
import io.securevpc.network.FlowLogDeliveryRole;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.ec2.CfnFlowLog;
import software.amazon.awscdk.services.ec2.CfnTransitGateway;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * A Transit Gateway, the hub of many VPCs and on-premises networks (BP-MV-4), segmented by default (BP-MV-1):
 * it accepts no shared attachment automatically and has no default route table, so no attachment is associated
 * with or propagated into a table it did not ask for. Each {@link TransitGatewayAttachment} made on it gets a
 * route table of its own, and every path between two attachments is a static route added on purpose
 * ({@link TransitGatewayAttachment#routeTo}).
 *
 * <p>Its flow logs (BP-MON-1) go to a CloudWatch Logs group built as a VPC's flow-log group is (customer-managed key,
 * retention, retained on deletion): every attachment's traffic, in the Transit Gateway's default record format (all
 * its fields), aggregated per minute (the only interval Transit Gateway flow logs accept), delivered through a role
 * that may write to that group only. Off only through {@code flowLogs(false)}, which warns.
 */
public class TransitGateway extends Construct {
    private static final long DEFAULT_ASN = 64512;

    private final CfnTransitGateway resource;
    private final LogGroup flowLogGroup;

    public TransitGateway(final @NotNull Construct scope, final @NotNull String id,
                          final @Nullable TransitGatewayProps props) {
        super(scope, id);
        TransitGatewayProps p = props != null ? props : TransitGatewayProps.builder().build();
        validate(p);
        this.resource = CfnTransitGateway.Builder.create(this, "Resource")
                .description(p.getDescription() != null ? p.getDescription()
                        : "Transit Gateway of " + getNode().getPath() + ": no default association or propagation")
                .amazonSideAsn(p.getAmazonSideAsn() != null ? p.getAmazonSideAsn().longValue() : DEFAULT_ASN)
                .autoAcceptSharedAttachments("disable")
                .defaultRouteTableAssociation("disable")
                .defaultRouteTablePropagation("disable")
                .dnsSupport("enable")
                .vpnEcmpSupport("enable")
                .build();
        this.flowLogGroup = Boolean.FALSE.equals(p.getFlowLogs()) ? null : createFlowLog(p);
        if (flowLogGroup == null) {
            Annotations.of(this).addWarningV2("@securevpc/connectivity:transitGatewayFlowLogsDisabled",
                    "flowLogs is false: no record of the traffic between the Transit Gateway's attachments (BP-MON-1).");
        }
    }

    /** @return the flow-log group, or {@code null} when flow logs are off. */
    public @Nullable ILogGroup getFlowLogGroup() {
        return flowLogGroup;
    }

    private LogGroup createFlowLog(final TransitGatewayProps p) {
        String path = getNode().getPath();
        LogGroup group = ConnectivityLogs.logGroup(this, "FlowLogGroup", p.getFlowLogKey(), p.getFlowLogRetention(),
                "the flow logs of the Transit Gateway " + path);
        CfnFlowLog.Builder.create(this, "FlowLog")
                .resourceType("TransitGateway")
                .resourceId(resource.getRef())
                .logDestinationType("cloud-watch-logs")
                .logDestination(group.getLogGroupArn())
                .deliverLogsPermissionArn(FlowLogDeliveryRole.create(this, "FlowLog",
                        "Lets VPC Flow Logs of this account write the flow logs of " + path, group).getRoleArn())
                .maxAggregationInterval(60)
                .build();
        return group;
    }

    /** @return the Transit Gateway's id. */
    public @NotNull String getTransitGatewayId() {
        return resource.getRef();
    }

    private void validate(final TransitGatewayProps p) {
        Problems problems = new Problems();
        Integer asn = p.getAmazonSideAsn();
        // Java's int cannot hold the 32-bit private range (4200000000-4294967294): 16-bit private ASNs only here.
        if (asn != null && (asn < 64512 || asn > 65534)) {
            problems.add(ErrorCode.CONNECTIVITY, "amazonSideAsn", asn, "a private 16-bit ASN from 64512 to 65534");
        }
        problems.throwIfAny(() -> "TransitGateway " + getNode().getPath());
    }
}
