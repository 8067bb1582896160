package io.securevpc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.AppContext;
import io.securevpc.TestStacks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

/**
 * The snippets of docs/*.md build what the text says they build: all of them in one app (one synth), with the
 * repository's cdk.json context, in eu-west-1 of account 111111111111. A snippet whose props fail validation
 * fails here.
 */
class DocsSnippetsSynthTest {
    private static final StackProps ENV = StackProps.builder()
            .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build();
    private static Template privateAccess;
    private static Template connectivity;
    private static Template audit;
    private static Template adopted;
    private static Template blocking;
    private static CfnSecurityGroup acknowledged;

    @BeforeAll
    static void synthesizeEverySnippet() {
        Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
        context.put("availability-zones:account=111111111111:region=eu-west-1", TestStacks.AZS);
        App app = App.Builder.create().context(context).build();
        Stack access = new PrivateAccessStack(app, "PrivateAccess", ENV);
        Stack connections = new ConnectivityStack(app, "Connectivity", ENV);
        Stack auditStack = AuditSnippets.auditBaseline(app, ENV);
        Stack adoptedStack = AuditSnippets.adoptedBaseline(app, ENV);
        Stack networkStack = AuditSnippets.maliciousIpBlocking(app, ENV);
        Stack gateStack = new Stack(app, "Acknowledged", ENV);
        acknowledged = CfnSecurityGroup.Builder.create(gateStack, "Group").groupDescription("Load balancer").build();
        GateSnippets.acknowledge(acknowledged);
        app.synth();
        privateAccess = Template.fromStack(access);
        connectivity = Template.fromStack(connections);
        audit = Template.fromStack(auditStack);
        adopted = Template.fromStack(adoptedStack);
        blocking = Template.fromStack(networkStack);
    }

    @Test
    void privateAccessSnippetsBuildEndpointsAndTheBucketPolicy() {
        // the two gateways, the presets' 8 services, Secrets Manager
        privateAccess.resourceCountIs("AWS::EC2::VPCEndpoint", 2 + 8 + 1);
        privateAccess.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Condition",
                        Match.objectLike(Map.of("StringNotEquals", Match.objectLike(Map.of(
                                "aws:SourceVpce", Match.anyValue())))))))))));
    }

    @Test
    void connectivitySnippetsBuildEachConnection() {
        connectivity.resourceCountIs("AWS::EC2::VPCEndpointService", 1);
        connectivity.resourceCountIs("AWS::EC2::VPCPeeringConnection", 2);
        connectivity.resourceCountIs("AWS::EC2::TransitGatewayVpcAttachment", 2);
        connectivity.resourceCountIs("AWS::EC2::VPNConnection", 1);
    }

    @Test
    void auditSnippetsBuildOrAdoptTheBaseline() {
        audit.resourceCountIs("AWS::CloudTrail::Trail", 1);
        audit.resourceCountIs("AWS::Config::ConfigurationRecorder", 1);
        adopted.resourceCountIs("AWS::CloudTrail::Trail", 0);
        adopted.resourceCountIs("AWS::Config::ConfigurationRecorder", 0);
        blocking.resourceCountIs("AWS::SSM::Document", 1);
    }

    @Test
    void acknowledgementSnippetRecordsTheGranularId() {
        List<Object> recorded = acknowledged.getNode().getMetadata().stream()
                .filter(m -> Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(m.getType()))
                .map(m -> (Object) m.getData()).toList();
        assertEquals(List.of(Map.of("Annotation::BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:8443]",
                "Internet-facing load balancer: HTTPS from anywhere is its purpose (BP-NET-10).")), recorded);
    }

    @Test
    void guardrailsSnippetIsAnScpUnderTheSizeLimit() throws Exception {
        String scp = IamSnippets.serviceControlPolicy();
        JsonNode policy = new ObjectMapper().readTree(scp);
        assertTrue(policy.path("Statement").size() > 0, scp);
        assertTrue(scp.length() <= 5120, "SCP limit: " + scp.length());
    }

    @Test
    void monitoringGuardrailsSnippetExemptsThePipelineAndBreakGlassAndFitsTheScpLimit() throws Exception {
        String scp = IamSnippets.serviceControlPolicyWithMonitoring();
        JsonNode policy = new ObjectMapper().readTree(scp);
        String compact = new ObjectMapper().writeValueAsString(policy);
        assertTrue(compact.length() <= 5120, "SCP limit: " + compact.length());
        JsonNode monitoring = null;
        for (JsonNode statement : policy.path("Statement")) {
            if ("ProtectTaggedMonitoring".equals(statement.path("Sid").asText())) {
                monitoring = statement;
            }
        }
        assertEquals("[\"arn:aws:iam::*:role/cdk-*-cfn-exec-role-*\",\"arn:aws:iam::*:role/BreakGlass\"]",
                monitoring.path("Condition").path("ArnNotLike").path("aws:PrincipalArn").toString(), scp);
    }
}
