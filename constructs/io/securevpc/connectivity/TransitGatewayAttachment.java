package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import io.securevpc.network.PortRange;
import io.securevpc.network.ISecureVpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnTransitGatewayRoute;
import software.amazon.awscdk.services.ec2.CfnTransitGatewayRouteTable;
import software.amazon.awscdk.services.ec2.CfnTransitGatewayRouteTableAssociation;
import software.amazon.awscdk.services.ec2.CfnTransitGatewayVpcAttachment;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.constructs.Construct;

/**
 * Attaches a {@link ISecureVpc} to a Transit Gateway, the hub of many VPCs and on-premises networks
 * (BP-MV-4, BP-NET-11). The attachment's interfaces sit in one private or isolated tier, one per AZ; routes to
 * the Transit Gateway go only into the chosen tiers' route tables and only to the given blocks.
 *
 * <p>NACLs (BP-NET-4): the route tiers' NACLs get allow entries for the given ports to and from the
 * destinations, with their return traffic. The attachment tier's NACL sees the same traffic with this VPC's
 * own addresses (AWS, "Network ACLs for transit gateways": the attachment subnet's inbound entries judge
 * packets from the instances to the Transit Gateway by their source, its outbound entries judge packets from
 * the Transit Gateway to the instances by their destination), so it gets entries for the route tiers' blocks
 * (see {@link ISecureVpc#allowTransitTraffic}).
 *
 * <p>On a {@link TransitGateway} of the app (or one the construct creates when given none), the attachment
 * gets a route table of its own and nothing is propagated into it: {@link #routeTo} adds each path to another
 * attachment as a static route (segmentation, BP-MV-1).
 */
public class TransitGatewayAttachment extends Construct {
    private final String transitGatewayId;
    private final CfnTransitGatewayVpcAttachment attachment;
    private final CfnTransitGatewayRouteTable routeTable;

    public TransitGatewayAttachment(final @NotNull Construct scope, final @NotNull String id,
                                    final @NotNull TransitGatewayAttachmentProps props) {
        super(scope, id);
        RequiredProps.of("TransitGatewayAttachment").require("props", props).check();
        validate(props);
        openNacls(props);
        ISecureVpc vpc = props.getSecureVpc();
        TransitGateway hub = props.getTransitGateway();
        if (hub == null && props.getTransitGatewayId() == null) {
            hub = new TransitGateway(this, "TransitGateway", null);
        }
        this.transitGatewayId = hub != null ? hub.getTransitGatewayId() : props.getTransitGatewayId();
        List<ISubnet> subnets = vpc.getVpc().selectSubnets(vpc.tierSubnets(props.getAttachmentTier())).getSubnets();
        this.attachment = CfnTransitGatewayVpcAttachment.Builder.create(this, "Attachment")
                .transitGatewayId(transitGatewayId)
                .vpcId(vpc.getVpc().getVpcId())
                .subnetIds(subnets.stream().map(ISubnet::getSubnetId).toList())
                .options(Maps.of(
                        "ApplianceModeSupport", Boolean.TRUE.equals(props.getApplianceMode()) ? "enable" : "disable",
                        "DnsSupport", "enable",
                        "Ipv6Support", "disable"))
                .build();
        this.routeTable = hub != null ? createRouteTable() : null;
        addRoutes(props);
        RouteClaims.claim(vpc, props.getDestinationCidrs(), "TransitGatewayAttachment " + getNode().getPath());
    }

    // ---------------------------------------------------------------------------------------------- API

    /** @return the Transit Gateway's id (created or given). */
    public @NotNull String getTransitGatewayId() {
        return transitGatewayId;
    }

    /** @return the attachment's id. */
    public @NotNull String getAttachmentId() {
        return attachment.getRef();
    }

    /**
     * @return the attachment's own route table on a Transit Gateway of the app (given as {@code transitGateway}
     *     or created), else null: a shared Transit Gateway's tables belong to its owner
     */
    public @Nullable String getRouteTableId() {
        return routeTable == null ? null : routeTable.getRef();
    }

    /**
     * Routes {@code cidrs} from this attachment to {@code target} on the Transit Gateway: static routes in this
     * attachment's own route table, one per block (segmentation, BP-MV-1). Traffic in the other direction needs
     * {@code target.routeTo(...)} back.
     *
     * @throws io.securevpc.BlueprintValidationException when this attachment has no route table of its own, the
     *     target is on another Transit Gateway or is this attachment, or a block is not a specific IPv4 range
     */
    public void routeTo(final @NotNull String id, final @NotNull TransitGatewayAttachment target,
                        final @NotNull List<String> cidrs) {
        RequiredProps.of("TransitGatewayAttachment.routeTo").require("id", id).require("target", target)
                .require("cidrs", cidrs).elements("cidrs", cidrs).check();
        Problems problems = new Problems();
        if (routeTable == null) {
            problems.add(ErrorCode.CONNECTIVITY, "routeTable", null, "an attachment on a Transit Gateway of the app "
                    + "(transitGateway, or none given): a shared Transit Gateway's route tables belong to its owner");
        }
        if (target == this || !target.transitGatewayId.equals(transitGatewayId)) {
            problems.add(ErrorCode.CONNECTIVITY, "target", target.getNode().getPath(),
                    "another attachment on the same Transit Gateway");
        }
        if (cidrs.isEmpty()) {
            problems.add(ErrorCode.CONNECTIVITY, "cidrs", "[]", "at least one destination block");
        }
        for (String cidr : cidrs) {
            Optional<Ipv4Cidr> parsed = Token.isUnresolved(cidr) ? Optional.empty() : Ipv4Cidr.parse(cidr);
            if (!Token.isUnresolved(cidr) && (parsed.isEmpty() || parsed.get().prefix() == 0)) {
                problems.add(ErrorCode.CONNECTIVITY, "cidrs", cidr,
                        "specific IPv4 blocks with no host bits set: no default route between segments (BP-MV-1)");
            }
        }
        problems.throwIfAny(() -> "TransitGatewayAttachment " + getNode().getPath());
        for (int i = 0; i < cidrs.size(); i++) {
            CfnTransitGatewayRoute.Builder.create(this, id + (i + 1))
                    .transitGatewayRouteTableId(routeTable.getRef())
                    .destinationCidrBlock(cidrs.get(i))
                    .transitGatewayAttachmentId(target.getAttachmentId())
                    .build();
        }
    }

    // ------------------------------------------------------------------------------------- validation

    private void validate(final TransitGatewayAttachmentProps props) {
        Problems problems = new Problems();
        if (props.getTransitGateway() != null && props.getTransitGatewayId() != null) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "transitGatewayId", props.getTransitGatewayId(),
                    "either transitGateway (one of the app) or transitGatewayId (a shared one), not both");
        }
        AwsIds.check(problems, ErrorCode.CONNECTIVITY, "transitGatewayId", props.getTransitGatewayId(),
                AwsIds.Format.TRANSIT_GATEWAY_ID);
        RouteClaims.check(props.getSecureVpc(), "destinationCidrs", props.getDestinationCidrs(), "Transit Gateway", problems);
        RouteClaims.checkTiers(props.getSecureVpc(), "attachmentTier", List.of(props.getAttachmentTier()), problems);
        RouteClaims.checkTiers(props.getSecureVpc(), "routeTiers", props.getRouteTiers(), problems);
        problems.throwIfAny(() -> "TransitGatewayAttachment " + getNode().getPath());
    }

    // ---------------------------------------------------------------------------------------- creation

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
     * NACL entries first, so an overflowing tier fails before anything is created: the route tiers' entries name
     * the destinations, the attachment tier's entries the route tiers (see the class comment).
     */
    private static void openNacls(final TransitGatewayAttachmentProps props) {
        List<PortRange> outbound = props.getOutboundPorts() != null ? props.getOutboundPorts()
                : List.of(PortRange.tcp(443));
        List<PortRange> inbound = props.getInboundPorts() != null ? props.getInboundPorts() : List.of();
        ISecureVpc vpc = props.getSecureVpc();
        for (String tier : props.getRouteTiers()) {
            vpc.allowExternalTraffic(tier, props.getDestinationCidrs(), outbound, inbound);
        }
        vpc.allowTransitTraffic(props.getAttachmentTier(), new ArrayList<>(props.getRouteTiers()), outbound, inbound);
    }

    private void addRoutes(final TransitGatewayAttachmentProps props) {
        ISecureVpc vpc = props.getSecureVpc();
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
