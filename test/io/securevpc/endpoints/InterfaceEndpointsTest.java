package io.securevpc.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.TestStacks;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.TierSecurityGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;

/**
 * Interface endpoints (BP-EP-5) in a default SecureVpc (tiers 'workload' and 'endpoints'): one template
 * shared by the read-only tests, one unsynthesized stack shared by the validation tests.
 */
class InterfaceEndpointsTest {
    private static Template template;
    private static InterfaceEndpoints ssm;
    private static Stack badStack;
    private static SecureVpc badVpc;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        TierSecurityGroup workload = TierSecurityGroup.Builder.create(stack, "Workload").vpc(vpc.getVpc())
                .description("Workload instances").build();
        ssm = new InterfaceEndpoints(stack, "Ssm", InterfaceEndpointsProps.builder()
                .vpc(vpc.getVpc())
                .presets(List.of(InterfaceEndpointPreset.SSM_MANAGED_INSTANCES))
                .services(List.of(InterfaceVpcEndpointAwsService.KMS))
                .consumers(List.of(workload))
                .consumerCidrs(vpc.tierCidrs("workload"))
                .build());
        new InterfaceEndpoints(stack, "Shared", InterfaceEndpointsProps.builder()
                .vpc(vpc.getVpc())
                .presets(List.of(InterfaceEndpointPreset.STS, InterfaceEndpointPreset.CLOUDWATCH_LOGS))
                .consumerCidrs(vpc.tierCidrs("workload"))
                .sharedSecurityGroup(true)
                .build());
        template = Template.fromStack(stack);

        badStack = TestStacks.regionalStack();
        badVpc = new SecureVpc(badStack, "Network", null);
    }

    @Test
    void oneEndpointPerServiceInEveryAzOfTheEndpointsTierWithPrivateDns() {
        template.resourceCountIs("AWS::EC2::VPCEndpoint", 6);
        template.allResourcesProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Interface",
                "PrivateDnsEnabled", true,
                "SubnetIds", List.of(subnet(1), subnet(2), subnet(3))));
        assertEquals(List.of("ssm", "ssmmessages", "ec2messages", "kms"), ssm.getServiceNames());
    }

    @Test
    void ownSecurityGroupAllowsOnlyHttpsFromTheConsumerTiersLiteralBlocksAndHasNoEgress() {
        // the workload tier's three /22 subnets, summarised by SecureVpc.tierCidrs
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", "Interface endpoint kms: HTTPS from its consumers",
                "SecurityGroupIngress", List.of(
                        Map.of("CidrIp", "10.0.0.0/21", "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                                "Description", "HTTPS from consumer block 10.0.0.0/21"),
                        Map.of("CidrIp", "10.0.8.0/22", "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                                "Description", "HTTPS from consumer block 10.0.8.0/22")),
                "SecurityGroupEgress", List.of(Map.of("CidrIp", "255.255.255.255/32", "IpProtocol", "icmp",
                        "FromPort", 252, "ToPort", 86, "Description", "Disallow all traffic"))));
    }

    @Test
    void consumerSecurityGroupIsReferencedOnBothSides() {
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "GroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SsmKmsSecurityGroup.*"), "GroupId")),
                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WorkloadGroup.*"),
                        "GroupId")),
                "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443));
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WorkloadGroup.*"), "GroupId")),
                "DestinationSecurityGroupId", Map.of("Fn::GetAtt", List.of(
                        Match.stringLikeRegexp("SsmKmsSecurityGroup.*"), "GroupId")),
                "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443));
    }

    @Test
    void policyKeepsCallersAndTheirResourcesInTheAccountWhereTheServiceSupportsPolicies() {
        Object account = List.of(Map.of("Ref", "AWS::AccountId"));
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                "ServiceName", serviceName("kms"),
                "PolicyDocument", Map.of("Statement", List.of(
                        Map.of("Sid", "CallersAndResourcesWithinBoundary", "Effect", "Allow",
                                "Principal", Map.of("AWS", "*"), "Action", "*", "Resource", "*",
                                "Condition", Map.of("StringEquals", Map.of(
                                        "aws:PrincipalAccount", account, "aws:ResourceAccount", account))),
                        Map.of("Sid", "AwsServicesOnCallersBehalf", "Effect", "Allow",
                                "Principal", Map.of("AWS", "*"), "Action", "*", "Resource", "*",
                                "Condition", Map.of("Bool", Map.of("aws:PrincipalIsAWSService", "true")))),
                        "Version", "2012-10-17")));
    }

    @Test
    void ssmMessagesAndEc2MessagesGetNoPolicyTheyCannotTake() {
        for (String name : List.of("ssmmessages", "ec2messages")) {
            template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                    "ServiceName", serviceName(name), "PolicyDocument", Match.absent()));
        }
    }

    @Test
    void sharedSecurityGroupServesEveryEndpointOfTheConstruct() {
        template.resourceCountIs("AWS::EC2::SecurityGroup", 1 + 4 + 1);
        for (String name : List.of("sts", "logs")) {
            template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("ServiceName", serviceName(name),
                    "SecurityGroupIds", List.of(Map.of("Fn::GetAtt", List.of(
                            Match.stringLikeRegexp("SharedSecurityGroup.*"), "GroupId")))));
        }
    }

    @Test
    void shortNamesAndConstructIdsOfServices() {
        assertEquals("ecr.dkr", InterfaceEndpoints.shortName(InterfaceVpcEndpointAwsService.ECR_DOCKER));
        assertEquals("EcrDkr", InterfaceEndpoints.idPart("ecr.dkr"));
        assertEquals("logs", InterfaceEndpoints.shortName(InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS));
    }

    // ---------------------------------------------------------------------------------------- failures

    @Test
    void failsWithoutServicesOrConsumers() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new InterfaceEndpoints(badStack, "Empty", InterfaceEndpointsProps.builder().vpc(badVpc.getVpc()).build()));
        assertEquals("Invalid configuration of InterfaceEndpoints Test/Empty (2 problems):"
                + "\n  - [SVPC-014] services = '[]': at least one service or preset"
                + "\n  - [SVPC-014] consumers = 'none': at least one consumer security group or consumer CIDR "
                + "(e.g. secureVpc.tierCidrs(\"app\")): endpoints accept HTTPS only from the workloads that need them",
                e.getMessage());
    }

    @Test
    void failsOnTheWholeInternetAsConsumerAnUnknownTierAndARepeatedService() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new InterfaceEndpoints(badStack, "Open", InterfaceEndpointsProps.builder().vpc(badVpc.getVpc())
                        .services(List.of(InterfaceVpcEndpointAwsService.STS, InterfaceVpcEndpointAwsService.STS))
                        .consumerCidrs(List.of("0.0.0.0/0"))
                        .tierName("nowhere")
                        .build()));
        assertEquals("Invalid configuration of InterfaceEndpoints Test/Open (3 problems):"
                + "\n  - [SVPC-014] services = 'sts': each service once"
                + "\n  - [SVPC-011] consumerCidrs = '0.0.0.0/0': the blocks of the tiers that use the endpoints; "
                + "never 0.0.0.0/0"
                + "\n  - [SVPC-014] tierName = 'nowhere': the name of a tier (subnet group) of the VPC", e.getMessage());
    }

    @Test
    void failsToAttachAPolicyToAServiceThatDoesNotSupportOne() {
        InterfaceEndpoints endpoints = new InterfaceEndpoints(badStack, "Messages", InterfaceEndpointsProps.builder()
                .vpc(badVpc.getVpc()).services(List.of(InterfaceVpcEndpointAwsService.SSM_MESSAGES))
                .consumerCidrs(List.of("10.0.0.0/22")).build());
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> endpoints.addPolicy(
                InterfaceVpcEndpointAwsService.SSM_MESSAGES, EndpointPolicy.anyService(AccessBoundary.thisAccount()).build()));
        assertTrue(e.getMessage().endsWith("[SVPC-015] service = 'ssmmessages': a service that supports endpoint "
                + "policies; ssmmessages does not (access is governed by IAM and the endpoint's security group)"),
                e.getMessage());
    }

    private static Object subnet(final int n) {
        return Map.of("Ref", Match.stringLikeRegexp("NetworkVpcendpointsSubnet" + n + "Subnet.*"));
    }

    private static Object serviceName(final String shortName) {
        return "com.amazonaws.eu-west-1." + shortName;
    }
}
