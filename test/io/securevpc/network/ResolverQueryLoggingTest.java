package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Route 53 Resolver query logging of a SecureVpc (BP-MON-1, BP-NET-6): on by default, to a log group under the flow
 * logs' key and retention or to the flow-log bucket, and a warning when it is turned off.
 */
class ResolverQueryLoggingTest {
    private static Template defaults;

    @BeforeAll
    static void synth() {
        defaults = TestStacks.template(st -> new SecureVpc(st, "Network", null));
    }

    @Test
    void defaultVpcAssociatesAQueryLoggingConfigWithItself() {
        defaults.resourceCountIs("AWS::Route53Resolver::ResolverQueryLoggingConfig", 1);
        defaults.resourceCountIs("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", 1);
        String vpc = onlyKey(defaults.findResources("AWS::EC2::VPC"));
        String config = onlyKey(defaults.findResources("AWS::Route53Resolver::ResolverQueryLoggingConfig"));
        defaults.hasResourceProperties("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", Map.of(
                "ResolverQueryLogConfigId", Map.of("Ref", config), "ResourceId", Map.of("Ref", vpc)));
    }

    @Test
    void defaultQueryLogsGoToARetainedLogGroupUnderTheFlowLogKeyWithTheFlowLogRetention() {
        Map<String, Map<String, Object>> groups = defaults.findResources("AWS::Logs::LogGroup");
        assertEquals(2, groups.size(), "the flow logs' group and the query logs' group");
        String queryGroup = groups.keySet().stream().filter(k -> k.contains("ResolverQueryLogs")).findFirst()
                .orElseThrow();
        String flowGroup = groups.keySet().stream().filter(k -> k.contains("FlowLogs")).findFirst().orElseThrow();
        Map<String, Object> query = props(groups.get(queryGroup));
        assertEquals(props(groups.get(flowGroup)).get("KmsKeyId"), query.get("KmsKeyId"));
        assertEquals(365, query.get("RetentionInDays"));
        assertEquals("Retain", groups.get(queryGroup).get("DeletionPolicy"));
        defaults.hasResourceProperties("AWS::Route53Resolver::ResolverQueryLoggingConfig", Map.of(
                "DestinationArn", Map.of("Fn::GetAtt", List.of(queryGroup, "Arn"))));
    }

    @Test
    void logDeliveryOfThisAccountMayWriteToTheQueryLogGroupOnly() {
        defaults.resourceCountIs("AWS::Logs::ResourcePolicy", 1);
        Map<String, Map<String, Object>> policies = defaults.findResources("AWS::Logs::ResourcePolicy");
        String document = policies.values().iterator().next().get("Properties").toString();
        String queryGroup = defaults.findResources("AWS::Logs::LogGroup").keySet().stream()
                .filter(k -> k.contains("ResolverQueryLogs")).findFirst().orElseThrow();
        for (String expected : List.of("delivery.logs.amazonaws.com", "logs:PutLogEvents", "aws:SourceAccount",
                ":logs:eu-west-1:111111111111:*", queryGroup)) {
            assertTrue(document.contains(expected), expected + " in " + document);
        }
    }

    @Test
    void s3OnlyFlowLogsSendQueryLogsToTheFlowLogBucketUnderTheirPrefix() {
        Stack stack = TestStacks.regionalStack();
        new SecureVpc(stack, "Network", SecureVpcProps.builder().flowLogDestinations(FlowLogDestinations.S3).build());
        Template template = Template.fromStack(stack);
        String bucket = template.findResources("AWS::S3::Bucket").keySet().stream()
                .filter(k -> k.startsWith("NetworkFlowLogsBucket")).findFirst().orElseThrow();
        template.hasResourceProperties("AWS::Route53Resolver::ResolverQueryLoggingConfig", Map.of(
                "DestinationArn", Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/resolver-query-logs/")))));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("Bucket", Map.of("Ref", bucket),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowResolverQueryLogDelivery",
                        "Principal", Map.of("Service", "delivery.logs.amazonaws.com"),
                        "Action", "s3:PutObject",
                        "Resource", Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")),
                                "/resolver-query-logs/AWSLogs/111111111111/*"))))))))));
        template.resourceCountIs("AWS::Logs::LogGroup", 0);
    }

    @Test
    void turningQueryLoggingOffRemovesItAndWarns() {
        Stack stack = TestStacks.regionalStack();
        new SecureVpc(stack, "Network", SecureVpcProps.builder().resolverQueryLogging(false).build());
        Template.fromStack(stack).resourceCountIs("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", 0);
        Annotations.fromStack(stack).hasWarning("/Test/Network",
                Match.stringLikeRegexp(".*no Route 53 Resolver query logging.*BP-MON-1.*"));
    }

    @Test
    void noFlowLogsMeansNoQueryLogDestinationAndAWarning() {
        Stack stack = TestStacks.regionalStack();
        new SecureVpc(stack, "Network", SecureVpcProps.builder().flowLogs(false).build());
        Template.fromStack(stack).resourceCountIs("AWS::Route53Resolver::ResolverQueryLoggingConfig", 0);
        Annotations.fromStack(stack).hasWarning("/Test/Network",
                Match.stringLikeRegexp(".*DNS queries are not recorded.*"));
    }

    private static String onlyKey(final Map<String, Map<String, Object>> resources) {
        assertEquals(1, resources.size(), resources.keySet().toString());
        return resources.keySet().iterator().next();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(final Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
