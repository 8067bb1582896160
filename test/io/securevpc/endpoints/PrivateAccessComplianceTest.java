package io.securevpc.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NIST80053R4Checks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPack;
import io.github.cdklabs.cdknag.PCIDSS321Checks;
import io.github.cdklabs.cdknag.ServerlessChecks;
import io.securevpc.TestStacks;
import io.securevpc.connectivity.PrivateLinkEndpoint;
import io.securevpc.connectivity.PrivateLinkEndpointProps;
import io.securevpc.connectivity.PrivateLinkService;
import io.securevpc.connectivity.PrivateLinkServiceProps;
import io.securevpc.connectivity.SiteToSiteVpn;
import io.securevpc.connectivity.SiteToSiteVpnProps;
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
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.constructs.IConstruct;

/**
 * Every endpoint and connectivity construct with its defaults, in one stack, finds no error under any of the
 * six stock cdk-nag packs (the app's compliance gate); PrivateLinkService with its TLS listener, its own access-log
 * bucket and the acknowledgements it makes on that bucket (docs/gate.md, "The app's acknowledgements").
 */
class PrivateAccessComplianceTest {
    private static Stack stack;

    @BeforeAll
    static void build() {
        stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .tiers(List.of(
                        SubnetTier.builder("app", TierKind.ISOLATED).cidrMask(22).ingressPorts(List.of(PortRange.tcp(443)))
                                .build(),
                        SubnetTier.builder("transit", TierKind.ISOLATED).cidrMask(28).egressPorts(List.of()).build(),
                        SubnetTier.builder("endpoints", TierKind.ISOLATED).cidrMask(26)
                                .ingressPorts(List.of(PortRange.tcp(443))).egressPorts(List.of()).build()))
                .build());
        TierSecurityGroup app = TierSecurityGroup.Builder.create(stack, "App").vpc(vpc.getVpc())
                .description("Application instances").build();
        new GatewayEndpoints(stack, "Gateways", GatewayEndpointsProps.builder().vpc(vpc.getVpc())
                .s3Policy(EndpointPolicy.s3(AccessBoundary.thisAccount()).amazonLinuxRepositories().ecrImageLayers()
                        .ssmAgentBuckets().build())
                .build());
        new InterfaceEndpoints(stack, "Interfaces", InterfaceEndpointsProps.builder().vpc(vpc.getVpc())
                .presets(List.of(InterfaceEndpointPreset.SSM_MANAGED_INSTANCES, InterfaceEndpointPreset.ECR_PULL))
                .consumers(List.of(app))
                .consumerCidrs(vpc.tierCidrs("app"))
                .build());
        new PrivateLinkEndpoint(stack, "Partner", PrivateLinkEndpointProps.builder().vpc(vpc.getVpc())
                .service(new InterfaceVpcEndpointService("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", 443))
                .consumers(List.of(app)).build());
        PrivateLinkService service = new PrivateLinkService(stack, "Provided", PrivateLinkServiceProps.builder()
                .vpc(vpc.getVpc()).subnets(vpc.tierSubnets("app"))
                .allowedPrincipals(List.of(new ArnPrincipal("arn:aws:iam::222222222222:root"))).build());
        service.addTlsListener("Tls", PortRange.tcp(443), ListenerCertificate.fromArn(
                "arn:aws:acm:eu-west-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"), 8443, List.of());
        service.getConnections().allowTo(app, software.amazon.awscdk.services.ec2.Port.tcp(8443), "NLB to targets");
        new VpcPeering(stack, "Peering", VpcPeeringProps.builder().secureVpc(vpc).peerVpcId("vpc-0123456789abcdef0")
                .peerCidrs(List.of("10.1.0.0/16")).routeTiers(List.of("app")).build());
        new TransitGatewayAttachment(stack, "Transit", TransitGatewayAttachmentProps.builder().secureVpc(vpc)
                .attachmentTier("transit").destinationCidrs(List.of("10.2.0.0/16")).routeTiers(List.of("app")).build());
        new SiteToSiteVpn(stack, "Vpn", SiteToSiteVpnProps.builder().secureVpc(vpc).customerGatewayIp("198.51.100.7")
                .onPremisesCidrs(List.of("192.168.0.0/16")).routeTiers(List.of("app")).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AwsSolutions", "NIST.800.53.R4", "NIST.800.53.R5", "HIPAA.Security", "PCI.DSS.321",
            "Serverless"})
    void noErrorUnderTheStockPack(final String packName) {
        Function<IConstruct, NagPack> factory = switch (packName) {
            case "AwsSolutions" -> AwsSolutionsChecks::new;
            case "NIST.800.53.R4" -> NIST80053R4Checks::new;
            case "NIST.800.53.R5" -> NIST80053R5Checks::new;
            case "HIPAA.Security" -> HIPAASecurityChecks::new;
            case "PCI.DSS.321" -> PCIDSS321Checks::new;
            default -> ServerlessChecks::new;
        };
        List<String> errors = factory.apply(stack).validateScope(stack).getViolations().stream()
                .filter(v -> "error".equalsIgnoreCase(v.getSeverity()))
                .map(v -> v.getRuleName() + " on " + v.getViolatingResources().stream()
                        .map(r -> r.getConstructPath() != null ? r.getConstructPath() : r.getResourceLogicalId()).toList())
                .toList();
        assertEquals(List.of(), errors);
    }
}
