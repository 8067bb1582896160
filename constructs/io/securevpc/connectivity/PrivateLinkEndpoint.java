package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.List;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IInterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.constructs.Construct;

/**
 * The consumer side of a PrivateLink service (BP-MV-3, BP-EP-5): an interface endpoint in every AZ of one
 * tier, with its own security group that accepts only the service's port, only from the given consumers.
 * Traffic is one-way: consumers open connections to the provider, never the reverse.
 */
public class PrivateLinkEndpoint extends Construct implements IConnectable {
    private final InterfaceVpcEndpoint endpoint;
    private final SecurityGroup securityGroup;

    public PrivateLinkEndpoint(final @NotNull Construct scope, final @NotNull String id,
                               final @NotNull PrivateLinkEndpointProps props) {
        super(scope, id);
        RequiredProps.of("PrivateLinkEndpoint").require("props", props).check();
        String tier = props.getTierName() != null ? props.getTierName() : "endpoints";
        validate(props, tier);
        Port port = Port.tcp(props.getService().getPort().intValue());
        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.getVpc())
                .description("PrivateLink endpoint: the service port from its consumers only")
                .allowAllOutbound(false)
                .allowAllIpv6Outbound(false)
                .build();
        this.endpoint = InterfaceVpcEndpoint.Builder.create(this, "Endpoint")
                .vpc(props.getVpc())
                .service(props.getService())
                .subnets(SubnetSelection.builder().subnetGroupName(tier).onePerAz(true).build())
                .privateDnsEnabled(Boolean.TRUE.equals(props.getPrivateDnsEnabled()))
                .open(false)
                .lookupSupportedAzs(false)
                .securityGroups(List.of(securityGroup))
                .build();
        for (String cidr : consumerCidrs(props)) {
            securityGroup.addIngressRule(Peer.ipv4(cidr), port, "Service port from consumer block " + cidr);
        }
        for (IConnectable consumer : consumers(props)) {
            securityGroup.getConnections().allowFrom(consumer, port, "Consumers to the PrivateLink endpoint");
        }
    }

    /** @return the endpoint; its DNS entries name the service inside this VPC. */
    public @NotNull IInterfaceVpcEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    public @NotNull Connections getConnections() {
        return securityGroup.getConnections();
    }

    private static List<IConnectable> consumers(final PrivateLinkEndpointProps props) {
        return props.getConsumers() != null ? props.getConsumers() : List.of();
    }

    private static List<String> consumerCidrs(final PrivateLinkEndpointProps props) {
        return props.getConsumerCidrs() != null ? props.getConsumerCidrs() : List.of();
    }

    private void validate(final PrivateLinkEndpointProps props, final String tier) {
        Problems problems = new Problems();
        if (consumers(props).isEmpty() && consumerCidrs(props).isEmpty()) {
            problems.add(ErrorCode.CONNECTIVITY, "consumers", "none",
                    "at least one consumer security group or consumer CIDR");
        }
        for (String cidr : consumerCidrs(props)) {
            Optional<Ipv4Cidr> parsed = Token.isUnresolved(cidr) ? Optional.empty() : Ipv4Cidr.parse(cidr);
            if (!Token.isUnresolved(cidr) && (parsed.isEmpty() || parsed.get().prefix() == 0)) {
                problems.add(ErrorCode.CONNECTIVITY, "consumerCidrs", cidr,
                        "IPv4 blocks of the consumers, never 0.0.0.0/0");
            }
        }
        try {
            props.getVpc().selectSubnets(SubnetSelection.builder().subnetGroupName(tier).build());
        } catch (RuntimeException e) {
            problems.add(ErrorCode.CONNECTIVITY, "tierName", tier, "the name of a tier (subnet group) of the VPC");
        }
        problems.throwIfAny(() -> "PrivateLinkEndpoint " + getNode().getPath());
    }
}
