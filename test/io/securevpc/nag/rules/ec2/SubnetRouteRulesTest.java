package io.securevpc.nag.rules.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import io.securevpc.nag.PackFindings;
import io.securevpc.nag.rules.BlueprintRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.CfnInternetGateway;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnRouteTable;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.CfnSubnetRouteTableAssociation;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.Vpc;

/**
 * SubnetNoPublicIpOutsidePublicTier, RouteTableNoIgwRouteFromPrivateTier and DefaultRouteToIgwOnlyFromPublicTier
 * (BP-NET-1/3/10): one stack, checked once.
 */
class SubnetRouteRulesTest {
    /** The rules under test: only they run, so another rule's findings never reach these assertions. */
    private static final List<Class<? extends BlueprintRule>> RULES = List.of(
            SubnetNoPublicIpOutsidePublicTier.class, RouteTableNoIgwRouteFromPrivateTier.class,
            DefaultRouteToIgwOnlyFromPublicTier.class);
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        // compliant: a default CDK Vpc (public tier with IGW routes and public IPs, private tier behind NAT)
        Vpc vpc = Vpc.Builder.create(stack, "Standard").maxAzs(2).build();
        // L1: a private-tier subnet that maps public IPs and routes 0.0.0.0/0 to the internet gateway
        CfnVPC l1Vpc = CfnVPC.Builder.create(stack, "L1Vpc").cidrBlock("10.9.0.0/16").build();
        CfnInternetGateway igw = CfnInternetGateway.Builder.create(stack, "L1Igw").build();
        CfnSubnet l1Subnet = CfnSubnet.Builder.create(stack, "L1Subnet").vpcId(l1Vpc.getRef()).cidrBlock("10.9.0.0/24")
                .availabilityZone("eu-west-1a").mapPublicIpOnLaunch(true).build();
        Tags.of(l1Subnet).add("aws-cdk:subnet-type", "Private");
        CfnRouteTable table = CfnRouteTable.Builder.create(stack, "L1Table").vpcId(l1Vpc.getRef()).build();
        CfnSubnetRouteTableAssociation.Builder.create(stack, "L1Assoc").routeTableId(table.getRef())
                .subnetId(l1Subnet.getRef()).build();
        CfnRoute.Builder.create(stack, "L1Route").routeTableId(table.getRef()).destinationCidrBlock("0.0.0.0/0")
                .gatewayId(igw.getRef()).build();
        // L2 misconfiguration: an L2 Subnet outside any public tier given public IPs and a default internet route
        Subnet l2 = Subnet.Builder.create(stack, "L2Subnet").vpcId(l1Vpc.getRef()).availabilityZone("eu-west-1b")
                .cidrBlock("10.9.1.0/24").mapPublicIpOnLaunch(true).build();
        l2.addDefaultInternetRoute(igw.getRef(), igw);
        // intrinsic: a gateway id and a public-IP flag only known at deploy time
        CfnParameter gateway = CfnParameter.Builder.create(stack, "GatewayId").type("String").build();
        CfnRoute.Builder.create(stack, "ParamRoute").routeTableId(table.getRef()).destinationCidrBlock("0.0.0.0/0")
                .gatewayId(gateway.getValueAsString()).build();
        CfnCondition condition = CfnCondition.Builder.create(stack, "Public")
                .expression(Fn.conditionEquals(gateway.getValueAsString(), "igw-0")).build();
        CfnSubnet.Builder.create(stack, "ParamSubnet").vpcId(l1Vpc.getRef()).cidrBlock("10.9.2.0/24")
                .availabilityZone("eu-west-1c")
                .mapPublicIpOnLaunch(Fn.conditionIf(condition.getLogicalId(), true, false)).build();
        findings = PackFindings.checkOnly(stack, RULES);
    }

    @Test
    void failsL1PrivateSubnetMappingPublicIps() {
        assertEquals(List.of("BlueprintChecks-SubnetNoPublicIpOutsidePublicTier"), findings.at("Test/L1Subnet"));
    }

    @Test
    void failsL1DefaultRouteToTheInternetGatewayFromAPrivateSubnet() {
        assertEquals(List.of("BlueprintChecks-DefaultRouteToIgwOnlyFromPublicTier",
                "BlueprintChecks-RouteTableNoIgwRouteFromPrivateTier"), findings.at("Test/L1Route"));
    }

    @Test
    void failsL2SubnetOutsideThePublicTierWithPublicIpsAndAnInternetRoute() {
        assertEquals(List.of("BlueprintChecks-SubnetNoPublicIpOutsidePublicTier"), findings.at("Test/L2Subnet/Subnet"));
        assertEquals(List.of("BlueprintChecks-DefaultRouteToIgwOnlyFromPublicTier"),
                findings.at("Test/L2Subnet/DefaultRoute"));
    }

    @Test
    void passesTheStandardVpcsPublicAndPrivateTiers() {
        assertTrue(findings.all().keySet().stream().noneMatch(p -> p.startsWith("Test/Standard/")
                        && (p.contains("Subnet") || p.contains("Route"))), findings.all().toString());
    }

    @Test
    void reportsDeployTimeValuesAsCannotCheck() {
        assertEquals(List.of("BlueprintChecks-DefaultRouteToIgwOnlyFromPublicTier[CannotCheck-GatewayId]",
                "BlueprintChecks-RouteTableNoIgwRouteFromPrivateTier[CannotCheck-GatewayId]"), findings.at("Test/ParamRoute"));
        assertEquals(List.of("BlueprintChecks-SubnetNoPublicIpOutsidePublicTier[CannotCheck-MapPublicIpOnLaunch]"),
                findings.at("Test/ParamSubnet"));
    }
}
