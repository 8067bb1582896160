package io.securevpc.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.TestStacks;
import io.securevpc.network.NatStrategy;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import io.securevpc.network.TierSecurityGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.PrefixList;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * Gateway endpoints (BP-EP-2/3/4) in a VPC with a public, a private-with-egress and an isolated tier: the
 * read-only tests share one template; the validation tests share one stack without synthesizing it.
 */
class GatewayEndpointsTest {
    private static Template template;
    private static Stack badStack;
    private static IVpc badVpc;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = threeTierVpc(stack);
        GatewayEndpoints gateways = new GatewayEndpoints(stack, "Gateways",
                GatewayEndpointsProps.builder().vpc(vpc.getVpc()).build());
        gateways.addPolicy(GatewayEndpointService.S3, EndpointPolicy.s3(AccessBoundary.thisAccount())
                .amazonLinuxRepositories().build());
        TierSecurityGroup app = TierSecurityGroup.Builder.create(stack, "App").vpc(vpc.getVpc())
                .description("Application instances").build();
        gateways.allowHttpsEgress(app, GatewayEndpointService.S3, PrefixList.fromPrefixListId(stack, "S3List", "pl-6da54004"));
        gateways.allowHttpsEgress(app, GatewayEndpointService.DYNAMODB, "pl-6fa54006");
        Bucket bucket = Bucket.Builder.create(stack, "Data").build();
        BucketPolicies.restrictToEndpoints(bucket, List.of(gateways.getEndpoint(GatewayEndpointService.S3)),
                List.of("arn:aws:iam::111111111111:role/BreakGlass"));
        template = Template.fromStack(stack);

        badStack = TestStacks.regionalStack();
        badVpc = threeTierVpc(badStack).getVpc();
    }

    private static SecureVpc threeTierVpc(final Stack stack) {
        return new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .tiers(List.of(
                        SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).build(),
                        SubnetTier.builder("data", TierKind.ISOLATED).build(),
                        SubnetTier.builder("public", TierKind.PUBLIC).build()))
                .natStrategy(NatStrategy.SINGLE)
                .flowLogs(false)
                .build());
    }

    @Test
    void s3AndDynamoDbEndpointsByDefault() {
        template.resourceCountIs("AWS::EC2::VPCEndpoint", 2);
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway",
                "ServiceName", Map.of("Fn::Join", List.of("", List.of("com.amazonaws.", Map.of("Ref", "AWS::Region"), ".s3")))));
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway",
                "ServiceName", Map.of("Fn::Join", List.of("", List.of("com.amazonaws.", Map.of("Ref", "AWS::Region"),
                        ".dynamodb")))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void routesOnlyInThePrivateAndIsolatedTiersRouteTables() {
        for (Map<String, Object> endpoint : template.findResources("AWS::EC2::VPCEndpoint").values()) {
            List<Map<String, String>> tables = (List<Map<String, String>>) ((Map<String, Object>) endpoint
                    .get("Properties")).get("RouteTableIds");
            assertEquals(6, tables.size(), "3 AZs x (app + data)");
            assertTrue(tables.stream().allMatch(t -> t.get("Ref").matches("NetworkVpc(app|data)Subnet\\dRouteTable.*")),
                    tables.toString());
        }
    }

    @Test
    void s3PolicyKeepsCallersAndBucketsInTheAccountAndMergesTheAmazonLinuxOptIn() {
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Sid", "S3WithinBoundary", "Effect", "Allow", "Principal", Map.of("AWS", "*"),
                        "Action", "s3:*", "Resource", "*",
                        "Condition", Map.of("StringEquals", Map.of(
                                "aws:PrincipalAccount", List.of(Map.of("Ref", "AWS::AccountId")),
                                "aws:ResourceAccount", List.of(Map.of("Ref", "AWS::AccountId"))))),
                Map.of("Sid", "AmazonLinuxRepositories", "Effect", "Allow", "Principal", Map.of("AWS", "*"),
                        "Action", "s3:GetObject",
                        "Resource", List.of(s3Arn("al2023-repos-eu-west-1-de612dc2/*"),
                                s3Arn("amazonlinux-2-repos-eu-west-1/*"), s3Arn("amazonlinux.eu-west-1.amazonaws.com/*")),
                        "Condition", Map.of("StringEquals", Map.of(
                                "aws:PrincipalAccount", List.of(Map.of("Ref", "AWS::AccountId")))))),
                "Version", "2012-10-17")));
    }

    @Test
    void dynamoDbPolicyKeepsCallersAndTablesInTheAccount() {
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Sid", "DynamoDbWithinBoundary", "Effect", "Allow", "Principal", Map.of("AWS", "*"),
                        "Action", "dynamodb:*", "Resource", "*",
                        "Condition", Map.of("StringEquals", Map.of(
                                "aws:PrincipalAccount", List.of(Map.of("Ref", "AWS::AccountId")),
                                "aws:ResourceAccount", List.of(Map.of("Ref", "AWS::AccountId")))))),
                "Version", "2012-10-17")));
    }

    @Test
    void securityGroupReachesS3ThroughItsPrefixListOnHttpsOnly() {
        template.resourceCountIs("AWS::EC2::SecurityGroupEgress", 2);
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AppGroup.*"), "GroupId")),
                "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                "DestinationPrefixListId", "pl-6da54004",
                "Description", "HTTPS to S3 through its gateway endpoint (prefix list, BP-EP-4)"));
    }

    @Test
    void bucketPolicyDeniesRequestsThatDidNotComeThroughTheEndpoint() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "DenyUnlessThroughVpcEndpoint", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
                        "Action", "s3:*",
                        "Condition", Map.of(
                                "StringNotEquals", Map.of("aws:SourceVpce", List.of(Map.of("Ref",
                                        Match.stringLikeRegexp("GatewaysS3.*")))),
                                "Bool", Map.of("aws:ViaAWSService", "false"),
                                "ArnNotLike", Map.of("aws:PrincipalArn", List.of(
                                        "arn:aws:iam::111111111111:role/BreakGlass"))))))))));
    }

    @Test
    void securityGroupReachesDynamoDbThroughThePrefixListIdGiven() {
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AppGroup.*"), "GroupId")),
                "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                "DestinationPrefixListId", "pl-6fa54006",
                "Description", "HTTPS to DYNAMODB through its gateway endpoint (prefix list, BP-EP-4)"));
    }

    // ---------------------------------------------------------------------------------------- failures

    @Test
    void failsOnAPrefixListIdThatIsNotOne() {
        GatewayEndpoints gateways = new GatewayEndpoints(badStack, "ById",
                GatewayEndpointsProps.builder().vpc(badVpc).build());
        TierSecurityGroup app = TierSecurityGroup.Builder.create(badStack, "ByIdApp").vpc(badVpc)
                .description("Application instances").build();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                gateways.allowHttpsEgress(app, GatewayEndpointService.S3, "com.amazonaws.eu-west-1.s3"));
        assertEquals("Invalid configuration of GatewayEndpoints Test/ById (1 problem):"
                + "\n  - [SVPC-014] prefixListId = 'com.amazonaws.eu-west-1.s3': a prefix list id: pl- and 8 or 17 "
                + "hex digits, e.g. pl-6da54004", e.getMessage());
    }

    @Test
    void failsOnARepeatedServiceAPolicyForTheWrongServiceAndAMalformedAccount() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new GatewayEndpoints(badStack, "Repeated", GatewayEndpointsProps.builder().vpc(badVpc)
                        .services(List.of(GatewayEndpointService.S3, GatewayEndpointService.S3))
                        .accessBoundary(AccessBoundary.accounts("1234"))
                        .s3Policy(EndpointPolicy.dynamoDb(AccessBoundary.thisAccount()).build())
                        .build()));
        assertEquals("Invalid configuration of GatewayEndpoints Test/Repeated (3 problems):"
                + "\n  - [SVPC-014] services = '[S3, S3]': each service once"
                + "\n  - [SVPC-015] accessBoundary = '1234': a 12-digit account id, e.g. 111122223333"
                + "\n  - [SVPC-015] s3Policy = 'DYNAMODB': a policy written for S3 (EndpointPolicy.s3(...))",
                e.getMessage());
    }

    @Test
    void failsOnACustomStatementThatAllowsEverythingToEveryoneWithoutACondition() {
        EndpointPolicy open = EndpointPolicy.s3(AccessBoundary.thisAccount()).statement(new PolicyStatement(
                PolicyStatementProps.builder().sid("Open").principals(List.of(new AnyPrincipal()))
                        .actions(List.of("*")).resources(List.of("*")).build())).build();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new GatewayEndpoints(badStack, "Open", GatewayEndpointsProps.builder().vpc(badVpc).s3Policy(open).build()));
        assertEquals("Invalid configuration of GatewayEndpoints Test/Open (1 problem):"
                + "\n  - [SVPC-015] s3Policy = 'Allow * to * with no condition': a statement narrowed by a condition "
                + "such as aws:PrincipalAccount or aws:PrincipalOrgID (use AccessBoundary), or by actions and "
                + "resources (BP-EP-3)", e.getMessage());
    }

    @Test
    void failsOnAPolicyForAServiceTheConstructDoesNotCreate() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new GatewayEndpoints(badStack, "NoDynamo", GatewayEndpointsProps.builder().vpc(badVpc)
                        .services(List.of(GatewayEndpointService.S3))
                        .dynamoDbPolicy(EndpointPolicy.dynamoDb(AccessBoundary.organization("o-a1b2c3d4e5")).build())
                        .build()));
        assertEquals("Invalid configuration of GatewayEndpoints Test/NoDynamo (1 problem):"
                + "\n  - [SVPC-009] dynamoDbPolicy = '(a policy)': only when services include DYNAMODB", e.getMessage());
    }

    private static Object s3Arn(final String rest) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":s3:::" + rest)));
    }
}
