package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import java.util.List;
import java.util.regex.Pattern;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnVPCPeeringConnection;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.constructs.Construct;

/**
 * A VPC peering connection from a {@link SecureVpc} (BP-MV-1, BP-MV-2): same account, cross account (with
 * the peer's accepter role) or cross region. Routes go only into the chosen private or isolated tiers' route
 * tables and only to the peer's given blocks, never a default route; the same tiers' NACLs get allow entries
 * for the given ports (and their return traffic) to and from those blocks. A peer block that overlaps this
 * VPC, another peer block, or a destination another connection of this VPC already routes is refused:
 * peering is not transitive.
 */
public class VpcPeering extends Construct {
    private static final Pattern ACCOUNT = Pattern.compile("^\\d{12}$");

    private final CfnVPCPeeringConnection connection;

    public VpcPeering(final @NotNull Construct scope, final @NotNull String id, final @NotNull VpcPeeringProps props) {
        super(scope, id);
        validate(props);
        openNacls(props);
        CfnVPCPeeringConnection.Builder b = CfnVPCPeeringConnection.Builder.create(this, "Connection")
                .vpcId(props.getVpc().getVpc().getVpcId())
                .peerVpcId(props.getPeerVpcId());
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
        addRoutes(props);
        RouteClaims.claim(props.getVpc(), props.getPeerCidrs(), "VpcPeering " + getNode().getPath());
    }

    /** @return the peering connection's id. */
    public @NotNull String getPeeringConnectionId() {
        return connection.getRef();
    }

    private void validate(final VpcPeeringProps props) {
        Problems problems = new Problems();
        RouteClaims.check(props.getVpc(), "peerCidrs", props.getPeerCidrs(), "peering", problems);
        RouteClaims.checkTiers(props.getVpc(), "routeTiers", props.getRouteTiers(), problems);
        String owner = props.getPeerOwnerId();
        if (owner != null && !Token.isUnresolved(owner) && !ACCOUNT.matcher(owner).matches()) {
            problems.add(ErrorCode.CONNECTIVITY, "peerOwnerId", owner, "a 12-digit account id");
        }
        if (owner != null && props.getPeerRole() == null) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "peerRole", null,
                    "the peer account's accepter role when peerOwnerId is given (cross-account peering)");
        }
        problems.throwIfAny("VpcPeering " + getNode().getPath());
    }

    /** NACL entries first: a tier whose entry quota would overflow fails before anything is created. */
    private static void openNacls(final VpcPeeringProps props) {
        List<PortRange> outbound = props.getOutboundPorts() != null ? props.getOutboundPorts()
                : List.of(PortRange.tcp(443));
        List<PortRange> inbound = props.getInboundPorts() != null ? props.getInboundPorts() : List.of();
        for (String tier : props.getRouteTiers()) {
            props.getVpc().allowExternalTraffic(tier, props.getPeerCidrs(), outbound, inbound);
        }
    }

    private void addRoutes(final VpcPeeringProps props) {
        SecureVpc vpc = props.getVpc();
        for (String tier : props.getRouteTiers()) {
            List<ISubnet> subnets = vpc.getVpc().selectSubnets(vpc.tierSubnets(tier)).getSubnets();
            for (int s = 0; s < subnets.size(); s++) {
                for (int c = 0; c < props.getPeerCidrs().size(); c++) {
                    CfnRoute.Builder.create(this, tier + "Subnet" + (s + 1) + "Route" + (c + 1))
                            .routeTableId(subnets.get(s).getRouteTable().getRouteTableId())
                            .destinationCidrBlock(props.getPeerCidrs().get(c))
                            .vpcPeeringConnectionId(connection.getRef())
                            .build();
                }
            }
        }
    }
}
