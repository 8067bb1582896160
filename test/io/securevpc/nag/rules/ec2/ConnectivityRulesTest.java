package io.securevpc.nag.rules.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.nag.PackFindings;
import io.securevpc.nag.rules.BlueprintRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.AddRouteOptions;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnRouteTable;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.CfnVPCEndpointService;
import software.amazon.awscdk.services.ec2.CfnVPCEndpointServicePermissions;
import software.amazon.awscdk.services.ec2.CfnVPCPeeringConnection;
import software.amazon.awscdk.services.ec2.IVpcEndpointServiceLoadBalancer;
import software.amazon.awscdk.services.ec2.RouterType;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.VpcEndpointService;
import software.amazon.awscdk.services.iam.ArnPrincipal;

/**
 * PeeringRouteSpecific, PeeringNoOverlappingCidrs (BP-MV-1/2) and EndpointServiceRestricted (BP-MV-3):
 * one stack, checked once.
 */
class ConnectivityRulesTest {
    /** The rules under test: only they run, so another rule's findings never reach these assertions. */
    private static final List<Class<? extends BlueprintRule>> RULES = List.of(
            PeeringRouteSpecific.class, PeeringNoOverlappingCidrs.class, EndpointServiceRestricted.class);
    private static final String NLB = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/svc/1";
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        CfnVPC a = CfnVPC.Builder.create(stack, "A").cidrBlock("10.1.0.0/16").build();
        CfnVPC b = CfnVPC.Builder.create(stack, "B").cidrBlock("10.2.0.0/16").build();
        CfnVPC overlapping = CfnVPC.Builder.create(stack, "Overlapping").cidrBlock("10.1.128.0/17").build();
        // compliant peering and route; L1 non-compliant peering (overlap) and routes (default, beyond the peer)
        CfnVPCPeeringConnection ab = CfnVPCPeeringConnection.Builder.create(stack, "AB").vpcId(a.getRef())
                .peerVpcId(b.getRef()).build();
        CfnVPCPeeringConnection.Builder.create(stack, "AOverlap").vpcId(a.getRef()).peerVpcId(overlapping.getRef()).build();
        CfnRouteTable table = CfnRouteTable.Builder.create(stack, "Table").vpcId(a.getRef()).build();
        CfnRoute.Builder.create(stack, "ToB").routeTableId(table.getRef()).destinationCidrBlock("10.2.0.0/16")
                .vpcPeeringConnectionId(ab.getRef()).build();
        CfnRoute.Builder.create(stack, "BeyondB").routeTableId(table.getRef()).destinationCidrBlock("10.0.0.0/8")
                .vpcPeeringConnectionId(ab.getRef()).build();
        // address sets: B's secondary block makes 10.3.0.0/16, and 10.2.0.0/15 (B's two blocks together), specific
        software.amazon.awscdk.services.ec2.CfnVPCCidrBlock.Builder.create(stack, "BSecondary").vpcId(b.getRef())
                .cidrBlock("10.3.0.0/16").build();
        CfnRoute.Builder.create(stack, "ToBSecondary").routeTableId(table.getRef()).destinationCidrBlock("10.3.0.0/16")
                .vpcPeeringConnectionId(ab.getRef()).build();
        CfnRoute.Builder.create(stack, "ToBothBlocksOfB").routeTableId(table.getRef())
                .destinationCidrBlock("10.2.0.0/15").vpcPeeringConnectionId(ab.getRef()).build();
        CfnRoute.Builder.create(stack, "BeyondBothBlocksOfB").routeTableId(table.getRef())
                .destinationCidrBlock("10.2.0.0/14").vpcPeeringConnectionId(ab.getRef()).build();
        // the accepter's side: routes back to the requester (compliant), or beyond it
        CfnRouteTable accepterTable = CfnRouteTable.Builder.create(stack, "AccepterTable").vpcId(b.getRef()).build();
        CfnRoute.Builder.create(stack, "BackToA").routeTableId(accepterTable.getRef()).destinationCidrBlock("10.1.0.0/20")
                .vpcPeeringConnectionId(ab.getRef()).build();
        CfnRoute.Builder.create(stack, "BeyondA").routeTableId(accepterTable.getRef()).destinationCidrBlock("10.2.0.0/16")
                .vpcPeeringConnectionId(ab.getRef()).build();
        // L2 misconfiguration: a default route through the peering added with Subnet.addRoute
        Subnet subnet = Subnet.Builder.create(stack, "Subnet").vpcId(a.getRef()).availabilityZone("eu-west-1a")
                .cidrBlock("10.1.0.0/24").build();
        subnet.addRoute("Peer", AddRouteOptions.builder().routerType(RouterType.VPC_PEERING_CONNECTION)
                .routerId(ab.getRef()).destinationCidrBlock("0.0.0.0/0").build());
        // intrinsic: a peer outside the app, a destination given as a parameter
        CfnVPCPeeringConnection external = CfnVPCPeeringConnection.Builder.create(stack, "External").vpcId(a.getRef())
                .peerVpcId("vpc-0123456789abcdef0").peerOwnerId("222222222222").build();
        CfnParameter destination = CfnParameter.Builder.create(stack, "Destination").type("String").build();
        CfnRoute.Builder.create(stack, "ParamRoute").routeTableId(table.getRef())
                .destinationCidrBlock(destination.getValueAsString()).vpcPeeringConnectionId(external.getRef()).build();
        // endpoint services: L1 open (no acceptance, no permissions); L2 with * as principal; compliant L1
        CfnVPCEndpointService.Builder.create(stack, "L1Open").networkLoadBalancerArns(List.of(NLB)).build();
        IVpcEndpointServiceLoadBalancer lb = new IVpcEndpointServiceLoadBalancer() {
            @Override
            public String getLoadBalancerArn() {
                return NLB;
            }
        };
        VpcEndpointService.Builder.create(stack, "L2Anyone").vpcEndpointServiceLoadBalancers(List.of(lb))
                .acceptanceRequired(false).allowedPrincipals(List.of(new ArnPrincipal("*"))).build();
        CfnVPCEndpointService good = CfnVPCEndpointService.Builder.create(stack, "L1Good").acceptanceRequired(true)
                .networkLoadBalancerArns(List.of(NLB)).build();
        CfnVPCEndpointServicePermissions.Builder.create(stack, "L1GoodPermissions").serviceId(good.getRef())
                .allowedPrincipals(List.of("arn:aws:iam::222222222222:root")).build();
        CfnParameter acceptance = CfnParameter.Builder.create(stack, "Acceptance").type("String").build();
        CfnVPCEndpointService param = CfnVPCEndpointService.Builder.create(stack, "ParamService")
                .acceptanceRequired(software.amazon.awscdk.Fn.conditionIf(
                        software.amazon.awscdk.CfnCondition.Builder.create(stack, "Accept").expression(
                                software.amazon.awscdk.Fn.conditionEquals(acceptance.getValueAsString(), "yes")).build()
                                .getLogicalId(), true, false))
                .networkLoadBalancerArns(List.of(NLB)).build();
        CfnVPCEndpointServicePermissions.Builder.create(stack, "ParamPermissions").serviceId(param.getRef())
                .allowedPrincipals(List.of("arn:aws:iam::222222222222:root")).build();
        findings = PackFindings.checkOnly(stack, RULES);
    }

    @Test
    void failsL1PeeringOfOverlappingVpcs() {
        assertEquals(List.of("BlueprintChecks-PeeringNoOverlappingCidrs"), findings.at("Test/AOverlap"));
        assertEquals(List.of(), findings.at("Test/AB"));
    }

    @Test
    void failsL1RouteReachingBeyondThePeerVpc() {
        assertEquals(List.of("BlueprintChecks-PeeringRouteSpecific"), findings.at("Test/BeyondB"));
        assertEquals(List.of(), findings.at("Test/ToB"));
    }

    @Test
    void comparesTheDestinationWithEveryBlockOfThePeerVpc() {
        assertEquals(List.of(), findings.at("Test/ToBSecondary"));
        assertEquals(List.of(), findings.at("Test/ToBothBlocksOfB"));
        assertEquals(List.of("BlueprintChecks-PeeringRouteSpecific"), findings.at("Test/BeyondBothBlocksOfB"));
    }

    @Test
    void checksAnAccepterRouteAgainstTheRequesterVpc() {
        assertEquals(List.of(), findings.at("Test/BackToA"));
        assertEquals(List.of("BlueprintChecks-PeeringRouteSpecific"), findings.at("Test/BeyondA"));
    }

    @Test
    void failsL2DefaultRouteThroughThePeering() {
        assertEquals(List.of("BlueprintChecks-PeeringRouteSpecific"), findings.at("Test/Subnet/Peer", "PeeringRouteSpecific"));
    }

    @Test
    void reportsAPeerOutsideTheAppAndAParameterDestinationAsCannotCheck() {
        assertEquals(List.of("BlueprintChecks-PeeringNoOverlappingCidrs[CannotCheck-PeerVpcId]"), findings.at("Test/External"));
        assertEquals(List.of("BlueprintChecks-PeeringRouteSpecific[CannotCheck-DestinationCidrBlock]"),
                findings.at("Test/ParamRoute"));
    }

    @Test
    void failsEndpointServicesWithoutAcceptanceOrNamedPrincipals() {
        assertEquals(List.of("BlueprintChecks-EndpointServiceRestricted[AcceptanceRequired]",
                "BlueprintChecks-EndpointServiceRestricted[AllowedPrincipals]"), findings.at("Test/L1Open"));
        assertEquals(List.of("BlueprintChecks-EndpointServiceRestricted[AcceptanceRequired]",
                "BlueprintChecks-EndpointServiceRestricted[WildcardPrincipal]"), findings.at("Test/L2Anyone/L2Anyone"));
        assertEquals(List.of("BlueprintChecks-EndpointServiceRestricted[WildcardPrincipal]"),
                findings.at("Test/L2Anyone/Permissions"));
    }

    @Test
    void passesAServiceThatRequiresAcceptanceAndNamesItsPrincipals() {
        assertEquals(List.of(), findings.at("Test/L1Good"));
        assertEquals(List.of(), findings.at("Test/L1GoodPermissions"));
    }

    @Test
    void reportsAParameterAcceptanceAsCannotCheck() {
        assertEquals(List.of("BlueprintChecks-EndpointServiceRestricted[CannotCheck-AcceptanceRequired]"),
                findings.at("Test/ParamService"));
    }
}
