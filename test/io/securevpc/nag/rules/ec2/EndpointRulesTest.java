package io.securevpc.nag.rules.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.nag.PackFindings;
import io.securevpc.nag.rules.BlueprintRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnVPCEndpoint;
import software.amazon.awscdk.services.ec2.CfnVPCEndpointService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * VpcEndpointPolicyRestricted (BP-EP-2/3), InterfaceEndpointPrivateDns and InterfaceEndpointSecurityGroupsRestricted
 * (BP-EP-5): one stack, checked once.
 */
class EndpointRulesTest {
    /** The rules under test: only they run, so another rule's findings never reach these assertions. */
    private static final List<Class<? extends BlueprintRule>> RULES = List.of(
            VpcEndpointPolicyRestricted.class, InterfaceEndpointPrivateDns.class,
            InterfaceEndpointSecurityGroupsRestricted.class);
    private static final String POLICY = "VpcEndpointPolicyRestricted";
    private static final String DNS = "InterfaceEndpointPrivateDns";
    private static final String GROUPS = "InterfaceEndpointSecurityGroupsRestricted";
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).natGateways(1).build();
        String vpcId = vpc.getVpcId();
        // L1: an interface endpoint with no policy, no private DNS, no security group
        CfnVPCEndpoint.Builder.create(stack, "L1Interface").vpcId(vpcId).vpcEndpointType("Interface")
                .serviceName("com.amazonaws.eu-west-1.sqs")
                .subnetIds(List.of(vpc.getPrivateSubnets().get(0).getSubnetId())).build();
        // L1: a gateway endpoint with a full-access policy
        CfnVPCEndpoint.Builder.create(stack, "L1Gateway").vpcId(vpcId).serviceName("com.amazonaws.eu-west-1.s3")
                .policyDocument(Map.of("Statement", List.of(Map.of("Effect", "Allow", "Principal", "*", "Action", "*",
                        "Resource", "*")))).build();
        // L2 misconfiguration: private DNS off, HTTPS open to the internet, no policy; a gateway endpoint without policy
        InterfaceVpcEndpoint open = InterfaceVpcEndpoint.Builder.create(stack, "L2Open").vpc(vpc)
                .service(InterfaceVpcEndpointAwsService.SQS).privateDnsEnabled(false).build();
        open.getConnections().allowDefaultPortFromAnyIpv4("anyone");
        vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build());
        // compliant: private DNS (default), the default group (VPC CIDR on 443), a policy narrowed by a condition
        InterfaceVpcEndpoint good = InterfaceVpcEndpoint.Builder.create(stack, "L2Good").vpc(vpc)
                .service(InterfaceVpcEndpointAwsService.SECRETS_MANAGER).build();
        good.addToPolicy(PolicyStatement.Builder.create().principals(List.of(new AnyPrincipal())).actions(List.of("*"))
                .resources(List.of("*")).conditions(Map.of("StringEquals", Map.of("aws:PrincipalAccount",
                        "111111111111"))).build());
        // intrinsic: private DNS and security groups only known at deploy time
        CfnParameter groupId = CfnParameter.Builder.create(stack, "GroupId").type("String").build();
        CfnCondition dns = CfnCondition.Builder.create(stack, "Dns")
                .expression(Fn.conditionEquals(groupId.getValueAsString(), "sg-0")).build();
        CfnVPCEndpoint.Builder.create(stack, "ParamInterface").vpcId(vpcId).vpcEndpointType("Interface")
                .serviceName("com.amazonaws.eu-west-1.sqs").privateDnsEnabled(Fn.conditionIf(dns.getLogicalId(), true, false))
                .securityGroupIds(List.of(groupId.getValueAsString()))
                .policyDocument(Map.of("Statement", List.of(Map.of("Effect", "Allow", "Principal", "*",
                        "Action", "sqs:SendMessage", "Resource", "*")))).build();
        // an endpoint service of this app (no private DNS name possible) and a consumer endpoint without private DNS
        CfnVPCEndpointService service = CfnVPCEndpointService.Builder.create(stack, "Provided")
                .networkLoadBalancerArns(List.of("arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/x/1"))
                .acceptanceRequired(true).build();
        InterfaceVpcEndpoint.Builder.create(stack, "ToProvided").vpc(vpc).privateDnsEnabled(false)
                .service(new InterfaceVpcEndpointService("com.amazonaws.vpce.eu-west-1." + service.getRef(), 443))
                .build();
        // an external endpoint service by literal name: whether it has a private DNS name is not known here
        InterfaceVpcEndpoint.Builder.create(stack, "ToPartner").vpc(vpc).privateDnsEnabled(false)
                .service(new InterfaceVpcEndpointService("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", 443))
                .build();
        findings = PackFindings.checkOnly(stack, RULES);
    }

    @Test
    void failsL1InterfaceEndpointWithNoPolicyNoPrivateDnsAndNoSecurityGroup() {
        assertEquals(List.of("BlueprintChecks-InterfaceEndpointPrivateDns",
                "BlueprintChecks-InterfaceEndpointSecurityGroupsRestricted", "BlueprintChecks-VpcEndpointPolicyRestricted"),
                findings.at("Test/L1Interface"));
    }

    @Test
    void failsL1GatewayEndpointWithAFullAccessPolicy() {
        assertEquals(List.of("BlueprintChecks-VpcEndpointPolicyRestricted[Statement[0]]"), findings.at("Test/L1Gateway"));
    }

    @Test
    void failsL2EndpointsWithoutPolicyPrivateDnsOrClosedGroups() {
        assertEquals(List.of("BlueprintChecks-VpcEndpointPolicyRestricted"), findings.at("Test/L2Open/Resource", POLICY));
        assertEquals(List.of("BlueprintChecks-InterfaceEndpointPrivateDns"), findings.at("Test/L2Open/Resource", DNS));
        assertEquals(1, findings.at("Test/L2Open/Resource", GROUPS).size());
        assertEquals(List.of("BlueprintChecks-VpcEndpointPolicyRestricted"), findings.at("Test/Vpc/S3/Resource", POLICY));
    }

    @Test
    void passesAnInterfaceEndpointWithPrivateDnsVpcOnlyGroupAndNarrowedPolicy() {
        assertEquals(List.of(), findings.at("Test/L2Good/Resource"));
    }

    @Test
    void asksNeitherPrivateDnsNorAPolicyOfAnEndpointToAnEndpointServiceOfTheApp() {
        assertEquals(List.of(), findings.at("Test/ToProvided/Resource", DNS));
        assertEquals(List.of(), findings.at("Test/ToProvided/Resource", POLICY));
    }

    @Test
    void failsAnEndpointToAnExternalEndpointServiceWithoutPrivateDnsOrPolicy() {
        assertEquals(List.of("BlueprintChecks-InterfaceEndpointPrivateDns"), findings.at("Test/ToPartner/Resource", DNS));
        assertEquals(List.of("BlueprintChecks-VpcEndpointPolicyRestricted"), findings.at("Test/ToPartner/Resource", POLICY));
    }

    @Test
    void reportsDeployTimeValuesAsCannotCheck() {
        assertEquals(List.of("BlueprintChecks-InterfaceEndpointPrivateDns[CannotCheck-PrivateDnsEnabled]",
                "BlueprintChecks-InterfaceEndpointSecurityGroupsRestricted[CannotCheck-SecurityGroupIds]"),
                findings.at("Test/ParamInterface"));
    }
}
