package io.securevpc.docs;

import io.securevpc.connectivity.PrivateLinkEndpoint;
import io.securevpc.connectivity.PrivateLinkEndpointProps;
import io.securevpc.connectivity.PrivateLinkService;
import io.securevpc.connectivity.PrivateLinkServiceProps;
import io.securevpc.connectivity.SiteToSiteVpn;
import io.securevpc.connectivity.SiteToSiteVpnProps;
import io.securevpc.connectivity.TransitGateway;
import io.securevpc.connectivity.TransitGatewayAttachment;
import io.securevpc.connectivity.TransitGatewayAttachmentProps;
import io.securevpc.connectivity.VpcPeering;
import io.securevpc.connectivity.VpcPeeringProps;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import io.securevpc.network.TierSecurityGroup;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.targets.IpTarget;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/** The snippets of docs/connectivity.md (DocSnippetsTest; DocsSnippetsSynthTest builds this stack). */
public class ConnectivityStack extends Stack {
    public ConnectivityStack(final Construct scope, final String id, final StackProps props) {
        super(scope, id, props);
        privateLink(new SecureVpc(this, "Provider", null));
        peering(new SecureVpc(this, "Network", null));
        peeringInTheApp(withTiers("Reporting", "10.10.0.0/16"), withTiers("Production", "10.11.0.0/16"));
        transitGateway(withTiers("A", "10.12.0.0/16"), withTiers("B", "10.13.0.0/16"));
        vpn(new SecureVpc(this, "OnPremisesNetwork", null));
    }

    private SecureVpc withTiers(final String id, final String cidr) {
        return new SecureVpc(this, id, SecureVpcProps.builder().cidr(cidr)
                .tiers(List.of(SubnetTier.builder("workload", TierKind.ISOLATED).cidrMask(22).build(),
                        SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24).build(),
                        SubnetTier.builder("transit", TierKind.ISOLATED).cidrMask(28).egressPorts(List.of()).build()))
                .build());
    }

    private void privateLink(final SecureVpc network) {
        TierSecurityGroup appSecurityGroup = TierSecurityGroup.Builder.create(this, "Targets")
                .vpc(network.getVpc()).description("Service instances").build();
        TierSecurityGroup app = TierSecurityGroup.Builder.create(this, "Consumers")
                .vpc(network.getVpc()).description("Consumers of the service").build();
        // snippet: privatelink-service
        PrivateLinkService service = new PrivateLinkService(this, "Service", PrivateLinkServiceProps.builder()
                .vpc(network.getVpc())
                .subnets(network.tierSubnets("workload"))
                .allowedPrincipals(List.of(new ArnPrincipal("arn:aws:iam::222222222222:root")))
                .proxyProtocolV2(true)
                .build());
        service.addTlsListener("Tls", PortRange.tcp(443), ListenerCertificate.fromArn(
                        "arn:aws:acm:eu-west-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"),
                8443, List.of(new IpTarget("10.0.0.10")));
        service.getConnections().allowTo(appSecurityGroup, Port.tcp(8443), "Load balancer to the service");
        // end-snippet

        // snippet: privatelink-endpoint
        new PrivateLinkEndpoint(this, "Partner", PrivateLinkEndpointProps.builder()
                .vpc(network.getVpc())
                .service(new InterfaceVpcEndpointService(service.getServiceName(), 443))
                .consumers(List.of(app))
                .build());
        // end-snippet
    }

    private void peering(final SecureVpc network) {
        // snippet: peering
        new VpcPeering(this, "ToShared", VpcPeeringProps.builder()
                .secureVpc(network)
                .peerVpcId("vpc-0123456789abcdef0")
                .peerOwnerId("222222222222")
                .peerRole(Role.fromRoleArn(this, "Accepter", "arn:aws:iam::222222222222:role/PeeringAccepter"))
                .peerCidrs(List.of("10.1.0.0/16"))
                .routeTiers(List.of("workload"))
                .outboundPorts(List.of(PortRange.tcp(443)))
                .build());
        // end-snippet
    }

    private void peeringInTheApp(final SecureVpc reporting, final SecureVpc production) {
        // snippet: peering-same-app
        new VpcPeering(this, "Replication", VpcPeeringProps.builder()
                .secureVpc(reporting).routeTiers(List.of("data"))
                .peerSecureVpc(production).peerRouteTiers(List.of("data"))   // peer blocks: these tiers' blocks
                .outboundPorts(List.of(PortRange.tcp(5432)))
                .build());
        // end-snippet
    }

    private void transitGateway(final SecureVpc networkA, final SecureVpc networkB) {
        // snippet: transit-gateway
        TransitGateway hub = new TransitGateway(this, "Hub", null);
        TransitGatewayAttachment a = new TransitGatewayAttachment(this, "AttachA",
                TransitGatewayAttachmentProps.builder()
                        .secureVpc(networkA).transitGateway(hub)
                        .attachmentTier("transit")
                        .routeTiers(List.of("workload"))
                        .destinationCidrs(networkB.tierCidrs("workload"))
                        .outboundPorts(List.of(PortRange.tcp(443)))     // what A's workload opens to B (default 443)
                        .build());
        TransitGatewayAttachment b = new TransitGatewayAttachment(this, "AttachB",
                TransitGatewayAttachmentProps.builder()
                        .secureVpc(networkB).transitGateway(hub)
                        .attachmentTier("transit")
                        .routeTiers(List.of("workload"))
                        .destinationCidrs(networkA.tierCidrs("workload"))
                        .outboundPorts(List.of())                       // B opens nothing to A ...
                        .inboundPorts(List.of(PortRange.tcp(443)))      // ... and serves 443 to it
                        .build());
        a.routeTo("ToB", b, networkB.tierCidrs("workload"));
        b.routeTo("ToA", a, networkA.tierCidrs("workload"));
        // end-snippet
    }

    private void vpn(final SecureVpc network) {
        // snippet: site-to-site-vpn
        new SiteToSiteVpn(this, "OnPremises", SiteToSiteVpnProps.builder()
                .secureVpc(network)
                .customerGatewayIp("198.51.100.7")
                .onPremisesCidrs(List.of("192.168.0.0/16"))
                .routeTiers(List.of("workload"))
                .build());
        // end-snippet
    }
}
