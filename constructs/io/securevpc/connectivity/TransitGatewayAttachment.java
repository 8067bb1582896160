package io.securevpc.connectivity;

import io.securevpc.internal.Problems;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnTransitGateway;
import software.amazon.awscdk.services.ec2.CfnTransitGatewayRouteTable;
import software.amazon.awscdk.services.ec2.CfnTransitGatewayRouteTableAssociation;
import software.amazon.awscdk.services.ec2.CfnTransitGatewayVpcAttachment;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.constructs.Construct;

/**
 * Attaches a {@link SecureVpc} to a Transit Gateway, the hub of many VPCs and on-premises networks
 * (BP-MV-4, BP-NET-11). The attachment's interfaces sit in one private or isolated tier, one per AZ; routes to
 * the Transit Gateway go only into the chosen tiers' route tables and only to the given blocks; those tiers'
 * NACLs (and the attachment tier's) get allow entries for the given ports and their return traffic. When the
 * construct creates the Transit Gateway, it accepts no attachment automatically and associates or propagates
 * nothing by default: this attachment gets its own route table, and every other path is added on purpose.
 */
public class TransitGatewayAttachment extends Construct {
    private final String transitGatewayId;
    private final CfnTransitGatewayVpcAttachment attachment;
    private final CfnTransitGatewayRouteTable routeTable;

    public TransitGatewayAttachment(final @NotNull Construct scope, final @NotNull String id,
                                    final @NotNull TransitGatewayAttachmentProps props) {
        super(scope, id);
        validate(props);
        openNacls(props);
        SecureVpc vpc = props.getVpc();
        CfnTransitGateway created = props.getTransitGatewayId() == null ? createTransitGateway() : null;
        this.transitGatewayId = created != null ? created.getRef() : props.getTransitGatewayId();
        List<ISubnet> subnets = vpc.getVpc().selectSubnets(vpc.tierSubnets(props.getAttachmentTier())).getSubnets();
        this.attachment = CfnTransitGatewayVpcAttachment.Builder.create(this, "Attachment")
                .transitGatewayId(transitGatewayId)
                .vpcId(vpc.getVpc().getVpcId())
                .subnetIds(subnets.stream().map(ISubnet::getSubnetId).toList())
                .options(Map.of(
                        "ApplianceModeSupport", Boolean.TRUE.equals(props.getApplianceMode()) ? "enable" : "disable",
                        "DnsSupport", "enable",
                        "Ipv6Support", "disable"))
                .build();
        this.routeTable = created != null ? createRouteTable() : null;
        addRoutes(props);
        RouteClaims.claim(vpc, props.getDestinationCidrs(), "TransitGatewayAttachment " + getNode().getPath());
    }

    /** @return the Transit Gateway's id (created or given). */
    public @NotNull String getTransitGatewayId() {
        return transitGatewayId;
    }

    /** @return the attachment's id. */
    public @NotNull String getAttachmentId() {
        return attachment.getRef();
    }

    /** @return the attachment's own route table when the construct created the Transit Gateway, else null. */
    public @Nullable String getRouteTableId() {
        return routeTable == null ? null : routeTable.getRef();
    }

    private void validate(final TransitGatewayAttachmentProps props) {
        Problems problems = new Problems();
        RouteClaims.check(props.getVpc(), "destinationCidrs", props.getDestinationCidrs(), "Transit Gateway", problems);
        RouteClaims.checkTiers(props.getVpc(), "attachmentTier", List.of(props.getAttachmentTier()), problems);
        RouteClaims.checkTiers(props.getVpc(), "routeTiers", props.getRouteTiers(), problems);
        problems.throwIfAny("TransitGatewayAttachment " + getNode().getPath());
    }

    private CfnTransitGateway createTransitGateway() {
        return CfnTransitGateway.Builder.create(this, "TransitGateway")
                .description("Transit Gateway of " + getNode().getPath() + ": no default association or propagation")
                .autoAcceptSharedAttachments("disable")
                .defaultRouteTableAssociation("disable")
                .defaultRouteTablePropagation("disable")
                .dnsSupport("enable")
                .vpnEcmpSupport("enable")
                .build();
    }

    private CfnTransitGatewayRouteTable createRouteTable() {
        CfnTransitGatewayRouteTable table = CfnTransitGatewayRouteTable.Builder.create(this, "RouteTable")
                .transitGatewayId(transitGatewayId)
                .build();
        CfnTransitGatewayRouteTableAssociation.Builder.create(this, "RouteTableAssociation")
                .transitGatewayAttachmentId(attachment.getRef())
                .transitGatewayRouteTableId(table.getRef())
                .build();
        return table;
    }

    /**
     * NACL entries first, so an overflowing tier fails before anything is created. Traffic to and from the
     * Transit Gateway also crosses the attachment subnets' NACL (BP-NET-4), which gets the same entries.
     */
    private static void openNacls(final TransitGatewayAttachmentProps props) {
        List<PortRange> outbound = props.getOutboundPorts() != null ? props.getOutboundPorts()
                : List.of(PortRange.tcp(443));
        List<PortRange> inbound = props.getInboundPorts() != null ? props.getInboundPorts() : List.of();
        for (String tier : props.getRouteTiers()) {
            props.getVpc().allowExternalTraffic(tier, props.getDestinationCidrs(), outbound, inbound);
        }
        if (!props.getRouteTiers().contains(props.getAttachmentTier())) {
            props.getVpc().allowExternalTraffic(props.getAttachmentTier(), props.getDestinationCidrs(), outbound,
                    inbound);
        }
    }

    private void addRoutes(final TransitGatewayAttachmentProps props) {
        SecureVpc vpc = props.getVpc();
        for (String tier : props.getRouteTiers()) {
            List<ISubnet> subnets = vpc.getVpc().selectSubnets(vpc.tierSubnets(tier)).getSubnets();
            for (int s = 0; s < subnets.size(); s++) {
                for (int c = 0; c < props.getDestinationCidrs().size(); c++) {
                    CfnRoute route = CfnRoute.Builder.create(this, tier + "Subnet" + (s + 1) + "Route" + (c + 1))
                            .routeTableId(subnets.get(s).getRouteTable().getRouteTableId())
                            .destinationCidrBlock(props.getDestinationCidrs().get(c))
                            .transitGatewayId(transitGatewayId)
                            .build();
                    route.addResourceDependency(attachment);
                }
            }
        }
    }
}
