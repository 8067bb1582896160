package io.securevpc.docs;

import io.securevpc.compliance.Acknowledgements;
import io.securevpc.network.BlockListEntry;
import io.securevpc.network.NatStrategy;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import io.securevpc.network.TierSecurityGroup;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The README's three-tier example (DocSnippetsTest; ReadmeExamplesTest runs it through the gate). */
public class ThreeTierStack extends Stack {
    public ThreeTierStack(final Construct scope, final String id, final StackProps props) {
        super(scope, id, props);
        // snippet: three-tier
        SecureVpc network = SecureVpc.Builder.create(this, "Network")
                .cidr("10.20.0.0/16")
                .availabilityZones(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"))
                .tiers(List.of(
                        SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26).build(),   // load balancers only
                        SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).cidrMask(22)
                                .ingressPorts(List.of(PortRange.tcp(8443))).ingressFrom(List.of("public"))
                                .healthCheckPorts(List.of(PortRange.tcp(8080))).build(),
                        SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24)
                                .ingressPorts(List.of(PortRange.tcp(5432))).ingressFrom(List.of("app"))
                                .egressPorts(List.of()).build()))
                .natStrategy(NatStrategy.PER_AZ)
                .blockList(List.of(BlockListEntry.cidr("192.0.2.0/24", "hostile range")))
                .build();

        TierSecurityGroup lb = TierSecurityGroup.Builder.create(this, "Lb").vpc(network.getVpc())
                .description("Load balancer").publicIngressPorts(List.of(PortRange.tcp(443))).build();
        TierSecurityGroup service = TierSecurityGroup.Builder.create(this, "Service").vpc(network.getVpc())
                .description("Application").build();
        service.allowFrom(lb, PortRange.tcp(8443), "Load balancer to application");   // ingress here, egress there

        // A finding that is the purpose of the resource: acknowledged on it alone, for one rule, with the reason.
        Acknowledgements.acknowledge((CfnResource) lb.getSecurityGroup().getNode().getDefaultChild(),
                "Internet-facing load balancer: HTTPS from anywhere is its purpose (BP-NET-10).",
                "AwsSolutions-EC23");
        // end-snippet
    }
}
