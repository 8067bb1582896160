package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import io.securevpc.network.PortRange;
import io.securevpc.network.ISecureVpc;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnVPCPeeringConnection;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.constructs.Construct;

/**
 * A VPC peering connection from a {@link ISecureVpc} (BP-MV-1, BP-MV-2): same account, cross account (with
 * the peer's accepter role) or cross region. Routes go only into the chosen private or isolated tiers' route
 * tables and only to the peer's given blocks, never a default route; the same tiers' NACLs get allow entries
 * for the given ports (and their return traffic) to and from those blocks. A peer block that overlaps this
 * VPC, another peer block, or a destination another connection of this VPC already routes is refused:
 * peering is not transitive.
 *
 * <p>When the accepter is a SecureVpc of the same app ({@code peerSecureVpc}), both sides are built: the accepter's
 * chosen tiers route back to this VPC's route tiers only (not to the whole VPC), and their NACLs accept what
 * this side opens and reach what this side serves.
 */
public class VpcPeering extends Construct {

    private final CfnVPCPeeringConnection connection;

    public VpcPeering(final @NotNull Construct scope, final @NotNull String id, final @NotNull VpcPeeringProps props) {
        super(scope, id);
        RequiredProps.of("VpcPeering").require("props", props).check();
        List<String> peerCidrs = peerCidrs(props);
        List<String> ownCidrs = ownCidrs(props);
        validate(props, peerCidrs, ownCidrs);
        openNacls(props, peerCidrs, ownCidrs);
        CfnVPCPeeringConnection.Builder b = CfnVPCPeeringConnection.Builder.create(this, "Connection")
                .vpcId(props.getSecureVpc().getVpc().getVpcId())
                .peerVpcId(props.getPeerSecureVpc() != null ? props.getPeerSecureVpc().getVpc().getVpcId()
                        : props.getPeerVpcId());
        if (props.getPeerOwnerId() != null) {
            b.peerOwnerId(props.getPeerOwnerId());
        }
        if (props.getPeerRegion() != null) {
            b.peerRegion(props.getPeerRegion());
        }
        if (props.getPeerRole() != null) {
            b.peerRoleArn(props.getPeerRole().getRoleArn());
        }
        this.connection = b.build();
        addRoutes(props.getSecureVpc(), props.getRouteTiers(), peerCidrs, "");
        RouteClaims.claim(props.getSecureVpc(), peerCidrs, "VpcPeering " + getNode().getPath());
        if (props.getPeerSecureVpc() != null) {
            addRoutes(props.getPeerSecureVpc(), peerRouteTiers(props), ownCidrs, "peer");
            RouteClaims.claim(props.getPeerSecureVpc(), ownCidrs, "VpcPeering " + getNode().getPath());
        }
    }

    /** @return the peering connection's id. */
    public @NotNull String getPeeringConnectionId() {
        return connection.getRef();
    }

    /** The peer blocks this side routes to: given, or the peer route tiers' blocks. */
    private static List<String> peerCidrs(final VpcPeeringProps props) {
        if (props.getPeerCidrs() != null || props.getPeerSecureVpc() == null) {
            return props.getPeerCidrs() != null ? props.getPeerCidrs() : List.of();
        }
        List<String> cidrs = new ArrayList<>();
        peerRouteTiers(props).stream().filter(t -> hasTier(props.getPeerSecureVpc(), t))
                .forEach(t -> cidrs.addAll(props.getPeerSecureVpc().tierCidrs(t)));
        return cidrs;
    }

    /** The blocks the accepter routes back to: this side's route tiers, only with a peer SecureVpc. */
    private static List<String> ownCidrs(final VpcPeeringProps props) {
        List<String> cidrs = new ArrayList<>();
        if (props.getPeerSecureVpc() != null) {
            props.getRouteTiers().stream().filter(t -> hasTier(props.getSecureVpc(), t))
                    .forEach(t -> cidrs.addAll(props.getSecureVpc().tierCidrs(t)));
        }
        return cidrs;
    }

    private static boolean hasTier(final ISecureVpc vpc, final String name) {
        return vpc.getTiers().stream().anyMatch(t -> t.getName().equals(name) && !t.isReserved());
    }

    private static List<String> peerRouteTiers(final VpcPeeringProps props) {
        return props.getPeerRouteTiers() != null ? props.getPeerRouteTiers() : List.of();
    }

    private void validate(final VpcPeeringProps props, final List<String> peerCidrs, final List<String> ownCidrs) {
        Problems problems = new Problems();
        ISecureVpc peer = props.getPeerSecureVpc();
        if ((props.getPeerVpcId() == null) == (peer == null)) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "peerVpcId", props.getPeerVpcId(),
                    "exactly one of peerVpcId (a VPC outside the app) and peerSecureVpc (a SecureVpc of the app)");
        }
        RouteClaims.check(props.getSecureVpc(), "peerCidrs", peerCidrs, "peering", problems);
        RouteClaims.checkTiers(props.getSecureVpc(), "routeTiers", props.getRouteTiers(), problems);
        if (peer != null) {
            if (peer == props.getSecureVpc()) {
                problems.add(ErrorCode.CONNECTIVITY, "peerSecureVpc", peer.getNode().getPath(),
                        "another VPC than secureVpc");
            }
            RouteClaims.checkTiers(peer, "peerRouteTiers", peerRouteTiers(props), problems);
            if (!ownCidrs.isEmpty() && peer != props.getSecureVpc()) {
                RouteClaims.check(peer, "routeTiers (the accepter's destinations)", ownCidrs, "peering", problems);
            }
            for (String prop : List.of("peerOwnerId", "peerRegion", "peerRole")) {
                Object value = switch (prop) {
                    case "peerOwnerId" -> props.getPeerOwnerId();
                    case "peerRegion" -> props.getPeerRegion();
                    default -> props.getPeerRole() == null ? null : props.getPeerRole().getRoleArn();
                };
                if (value != null) {
                    problems.add(ErrorCode.CONFLICTING_PROPS, prop, value,
                            "unset with peerSecureVpc: a SecureVpc of the app is in the same account and region");
                }
            }
        } else if (!peerRouteTiers(props).isEmpty()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "peerRouteTiers", peerRouteTiers(props).toString(),
                    "unset without peerSecureVpc: the routes of a VPC outside the app are its owner's");
        }
        String owner = props.getPeerOwnerId();
        AwsIds.check(problems, ErrorCode.CONNECTIVITY, "peerVpcId", props.getPeerVpcId(), AwsIds.Format.VPC_ID);
        AwsIds.check(problems, ErrorCode.CONNECTIVITY, "peerOwnerId", owner, AwsIds.Format.ACCOUNT_ID);
        AwsIds.check(problems, ErrorCode.CONNECTIVITY, "peerRegion", props.getPeerRegion(), AwsIds.Format.REGION_NAME);
        if (owner != null && peer == null && props.getPeerRole() == null) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "peerRole", null,
                    "the peer account's accepter role when peerOwnerId is given (cross-account peering)");
        }
        problems.throwIfAny(() -> "VpcPeering " + getNode().getPath());
    }

    /**
     * NACL entries first: a tier whose entry quota would overflow fails before anything is created. The
     * accepter's tiers serve what this side opens and open what this side serves.
     */
    private static void openNacls(final VpcPeeringProps props, final List<String> peerCidrs,
                                  final List<String> ownCidrs) {
        List<PortRange> outbound = props.getOutboundPorts() != null ? props.getOutboundPorts()
                : List.of(PortRange.tcp(443));
        List<PortRange> inbound = props.getInboundPorts() != null ? props.getInboundPorts() : List.of();
        for (String tier : props.getRouteTiers()) {
            props.getSecureVpc().allowExternalTraffic(tier, peerCidrs, outbound, inbound);
        }
        if (props.getPeerSecureVpc() != null) {
            for (String tier : peerRouteTiers(props)) {
                props.getPeerSecureVpc().allowExternalTraffic(tier, ownCidrs, inbound, outbound);
            }
        }
    }

    private void addRoutes(final ISecureVpc vpc, final List<String> tiers, final List<String> destinations,
                           final @Nullable String prefix) {
        for (String tier : tiers) {
            List<ISubnet> subnets = vpc.getVpc().selectSubnets(vpc.tierSubnets(tier)).getSubnets();
            for (int s = 0; s < subnets.size(); s++) {
                for (int c = 0; c < destinations.size(); c++) {
                    CfnRoute.Builder.create(this, prefix + tier + "Subnet" + (s + 1) + "Route" + (c + 1))
                            .routeTableId(subnets.get(s).getRouteTable().getRouteTableId())
                            .destinationCidrBlock(destinations.get(c))
                            .vpcPeeringConnectionId(connection.getRef())
                            .build();
                }
            }
        }
    }
}
