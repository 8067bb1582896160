package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What each shape of the app gets for private access to AWS services (BP-EP-1..5): one template per shape. */
class NetworkStackEndpointsTest {
    private static Template privateOnly;
    private static Template threeTier;

    @BeforeAll
    static void synth() throws java.io.IOException {
        privateOnly = Template.fromStack(new NetworkStack(app(), env("private-only",
                EnvironmentConfig.Shape.PRIVATE_ONLY, "10.10.0.0/16")));
        threeTier = Template.fromStack(new NetworkStack(app(), env("three-tier",
                EnvironmentConfig.Shape.THREE_TIER, "10.20.0.0/16")));
    }

    /** An app with the feature flags of cdk.json, as {@code cdk synth} runs it. */
    @SuppressWarnings("unchecked")
    private static App app() throws java.io.IOException {
        Map<String, Object> cdkJson = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(java.nio.file.Path.of("cdk.json").toFile(), Map.class);
        return App.Builder.create().context((Map<String, Object>) cdkJson.get("context")).build();
    }

    private static EnvironmentConfig env(final String name, final EnvironmentConfig.Shape shape, final String cidr) {
        return new EnvironmentConfig(name, "Test-" + name, Profile.REGULATED, shape, cidr, null, "eu-west-1", null,
                TestStacks.AZS, new EnvironmentConfig.GatewayPrefixLists("pl-6da54004", "pl-6fa54006", null), List.of(), null, null, null, null, null);
    }

    @Test
    void privateOnlyGetsBothGatewayEndpointsOnTheAppAndDataRouteTablesOnly() {
        Map<String, Map<String, Object>> gateways = privateOnly.findResources("AWS::EC2::VPCEndpoint",
                Map.of("Properties", Map.of("VpcEndpointType", "Gateway")));
        assertEquals(2, gateways.size());
        for (Map<String, Object> gateway : gateways.values()) {
            String tables = String.valueOf(((Map<?, ?>) gateway.get("Properties")).get("RouteTableIds"));
            assertTrue(tables.matches(".*NetworkVpcappSubnet.*") && tables.matches(".*NetworkVpcdataSubnet.*")
                    && !tables.contains("endpoints"), tables);
        }
    }

    @Test
    void privateOnlyS3PolicyOptsInToTheBucketsInstancesNeed() {
        privateOnly.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway",
                "PolicyDocument", Map.of("Statement", List.of(
                        Match.objectLike(Map.of("Sid", "S3WithinBoundary")),
                        Match.objectLike(Map.of("Sid", "AmazonLinuxRepositories")),
                        Match.objectLike(Map.of("Sid", "EcrImageLayers")),
                        Match.objectLike(Map.of("Sid", "SsmAgentBuckets"))))));
    }

    @Test
    void privateOnlyGetsTheSsmLogsKmsStsAndEcrInterfaceEndpointsReachedByTheAppGroupOnly() {
        Map<String, Map<String, Object>> interfaces = privateOnly.findResources("AWS::EC2::VPCEndpoint",
                Map.of("Properties", Map.of("VpcEndpointType", "Interface", "PrivateDnsEnabled", true)));
        assertEquals(8, interfaces.size());
        // one group shared by the 8 endpoints, plus the app group's own HTTPS-within-group rule
        privateOnly.resourcePropertiesCountIs("AWS::EC2::SecurityGroupIngress", Map.of(
                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AppSecurityGroup.*"),
                        "GroupId")),
                "FromPort", 443, "ToPort", 443), 1 + 1);
        Set<Object> endpointGroups = new HashSet<>();
        interfaces.values().forEach(e -> endpointGroups.add(((Map<?, ?>) e.get("Properties")).get("SecurityGroupIds")));
        assertEquals(1, endpointGroups.size(), "every interface endpoint uses the one shared group");
    }

    /** BP-EP-4: the workloads of the isolated tiers reach S3 and DynamoDB on HTTPS through the prefix lists only. */
    @Test
    void privateOnlyWorkloadGroupsAllowHttpsToTheS3AndDynamoDbPrefixListsOfTheConfig() {
        for (String group : List.of("AppSecurityGroup", "DataSecurityGroup")) {
            for (String list : List.of("pl-6da54004", "pl-6fa54006")) {
                privateOnly.resourcePropertiesCountIs("AWS::EC2::SecurityGroupEgress", Map.of(
                        "GroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(group + ".*"), "GroupId")),
                        "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443, "DestinationPrefixListId", list), 1);
            }
        }
        privateOnly.resourcePropertiesCountIs("AWS::EC2::SecurityGroupEgress",
                Map.of("DestinationPrefixListId", Match.anyValue()), 4);
    }

    /**
     * NACLs take CIDRs, not prefix lists: the app tier's NACL allows HTTPS out to 0.0.0.0/0 and its return traffic,
     * and the tier's route tables have no default route, only the gateway endpoints' (as docs/config.md says).
     */
    /**
     * With the prefix lists' ranges configured, the workload NACLs send HTTPS to them and take the return traffic
     * from them only: no entry of the app or data NACL allows 0.0.0.0/0 (BP-NET-4).
     */
    @Test
    void privateOnlyWorkloadNaclsNameThePrefixListRangesWhenConfigured() throws java.io.IOException {
        EnvironmentConfig withRanges = new EnvironmentConfig("ranged", "Test-ranged", Profile.REGULATED,
                EnvironmentConfig.Shape.PRIVATE_ONLY, "10.40.0.0/16", null, "eu-west-1", null, TestStacks.AZS,
                new EnvironmentConfig.GatewayPrefixLists("pl-6da54004", "pl-6fa54006",
                        List.of("198.51.100.0/24", "203.0.113.0/24")), List.of(), null, null, null, null, null);
        Template t = Template.fromStack(new NetworkStack(app(), withRanges));
        for (String tier : List.of("app", "data")) {
            for (String range : List.of("198.51.100.0/24", "203.0.113.0/24")) {
                t.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of(
                        "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("Network" + tier + "Acl.*")),
                        "Egress", true, "RuleAction", "allow", "CidrBlock", range, "Protocol", 6,
                        "PortRange", Map.of("From", 443, "To", 443)));
                t.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of(
                        "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("Network" + tier + "Acl.*")),
                        "Egress", false, "RuleAction", "allow", "CidrBlock", range, "Protocol", 6));
            }
            Map<String, Map<String, Object>> open = t.findResources("AWS::EC2::NetworkAclEntry", Map.of("Properties",
                    Map.of("NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("Network" + tier + "Acl.*")),
                            "RuleAction", "allow", "CidrBlock", "0.0.0.0/0")));
            assertEquals(Map.of(), open, tier);
        }
    }

    @Test
    void privateOnlyAppTierReachesTheEndpointsThroughItsNaclAndRoutesOnly() {
        privateOnly.hasResourceProperties("AWS::EC2::NetworkAclEntry", Map.of(
                "NetworkAclId", Map.of("Ref", Match.stringLikeRegexp("NetworkappAcl.*")), "Egress", true,
                "RuleAction", "allow", "CidrBlock", "0.0.0.0/0", "Protocol", 6,
                "PortRange", Map.of("From", 443, "To", 443)));
        privateOnly.resourcePropertiesCountIs("AWS::EC2::Route", Map.of("DestinationCidrBlock", "0.0.0.0/0"), 0);
        privateOnly.resourceCountIs("AWS::EC2::InternetGateway", 0);
        privateOnly.resourceCountIs("AWS::EC2::NatGateway", 0);
    }

    @Test
    void failsAPrivateOnlyEnvironmentWithoutPrefixListsBuiltInCode() throws java.io.IOException {
        EnvironmentConfig noLists = new EnvironmentConfig("bare", "Test-bare", Profile.DEV,
                EnvironmentConfig.Shape.PRIVATE_ONLY, "10.30.0.0/16", null, "eu-west-1", null, TestStacks.AZS, null,
                List.of(), null, null, null, null, null);
        App app = app();
        AppConfigException e = org.junit.jupiter.api.Assertions.assertThrows(AppConfigException.class,
                () -> new NetworkStack(app, noLists));
        assertEquals("Invalid app configuration (1 problem):\n  - [SVPC-020] environments[bare].gatewayPrefixLists = "
                + "(unset): the ids of the region's prefix lists of S3 and DynamoDB: a private-only environment's "
                + "workloads reach them only through their gateway endpoints (BP-EP-4)", e.getMessage());
    }

    @Test
    void threeTierGetsTheGatewayEndpointsOnly() {
        threeTier.resourceCountIs("AWS::EC2::VPCEndpoint", 2);
        threeTier.allResourcesProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway"));
    }
}
