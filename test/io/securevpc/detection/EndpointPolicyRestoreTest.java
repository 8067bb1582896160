package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securevpc.BlueprintValidationException;
import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpoint;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.IVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.event.ruler.Ruler;

/**
 * EndpointPolicyRestore (BP-EP-3, BP-MON-4/5): the rule fires on a ModifyVpcEndpoint that sets or resets the policy
 * of a guarded endpoint, and on nothing else; the automation puts back the policy the stack deployed, with a role
 * that may modify only those endpoints.
 */
class EndpointPolicyRestoreTest {
    private static final String DESCRIPTION = "Policy of a guarded VPC endpoint changed or reset outside the deployment";
    private static Template template;
    private static EndpointPolicyRestore restore;
    private static Stack stack;
    private static Vpc vpc;
    private static InterfaceVpcEndpoint kms;

    @BeforeAll
    static void synth() {
        stack = TestStacks.regionalStack();
        vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(1).natGateways(0).build();
        kms = InterfaceVpcEndpoint.Builder.create(stack, "Kms").vpc(vpc)
                .service(InterfaceVpcEndpointAwsService.KMS).build();
        kms.addToPolicy(PolicyStatement.Builder.create().sid("OnlyThisAccount").principals(List.of(new AnyPrincipal()))
                .actions(List.of("kms:Decrypt")).resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:ResourceAccount", "111111111111"))).build());
        GatewayVpcEndpoint s3 = GatewayVpcEndpoint.Builder.create(stack, "S3").vpc(vpc)
                .service(GatewayVpcEndpointAwsService.S3).build();
        s3.addToPolicy(PolicyStatement.Builder.create().sid("OnlyThisAccountsBuckets")
                .principals(List.of(new AnyPrincipal())).actions(List.of("s3:GetObject")).resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:ResourceAccount", "111111111111"))).build());
        restore = new EndpointPolicyRestore(stack, "Restore", new SecurityAlerts(stack, "Alerts", null),
                List.<IVpcEndpoint>of(kms, s3), false);
        template = Template.fromStack(stack);
    }

    // ------------------------------------------------------------------------------------- event pattern

    /** The composed ModifyVpcEndpoint record (samples/README.md) on the KMS endpoint (its logical id, see below). */
    private static ObjectNode modifyKmsPolicy() {
        ObjectNode record = Samples.record("modify-vpc-endpoint-policy");
        ((ObjectNode) record.at("/requestParameters/ModifyVpcEndpointRequest")).put("VpcEndpointId", kmsId());
        return record;
    }

    private static String kmsId() {
        return ((Map<?, ?>) stack.resolve(kms.getVpcEndpointId())).get("Ref").toString();
    }

    private static boolean fires(final ObjectNode record) throws Exception {
        return Ruler.matchesRule(Samples.viaEventBridge(record), literalPattern());
    }

    /**
     * The rule's pattern with each endpoint id ({@code {"Ref": "<logical id>"}}) replaced by the logical id, and the
     * restoring role's ARN ({@code {"Fn::GetAtt": ["<logical id>", "Arn"]}}) by {@link #roleArn}.
     */
    private static String literalPattern() throws Exception {
        return Samples.JSON.readTree(Samples.pattern(template.findResources("AWS::Events::Rule"), DESCRIPTION)
                .replaceAll("\\{\"Ref\":\"([A-Za-z0-9]+)\"}", "\"$1\"")
                .replaceAll("\\{\"Fn::GetAtt\":\\[\"([A-Za-z0-9]+)\",\"Arn\"]}", "\"" + roleArn("$1") + "\""))
                .toString();
    }

    /** A role's ARN as CloudTrail names a session's issuer, the role named by its logical id. */
    private static String roleArn(final String name) {
        return "arn:aws:iam::112233445566:role/" + name;
    }

    /** The logical id of the restoring automation's role. */
    private static String restoringRole() {
        return ((Map<?, ?>) stack.resolve(restore.getRunbook().getAutomationRole().getRoleArn()))
                .get("Fn::GetAtt").toString().replaceAll("^\\[([A-Za-z0-9]+),.*", "$1");
    }

    /** The same record, as the call of another caller. */
    private static ObjectNode calledBy(final ObjectNode record, final String type, final String issuerArn) {
        ObjectNode identity = (ObjectNode) record.get("userIdentity");
        identity.put("type", type);
        if (issuerArn == null) {
            identity.remove("sessionContext");
            identity.put("arn", "arn:aws:iam::112233445566:user/admin");
        } else {
            ((ObjectNode) identity.at("/sessionContext/sessionIssuer")).put("arn", issuerArn);
        }
        return record;
    }

    @Test
    void doesNotFireOnTheRestoreItselfSoARestoreDoesNotStartTheNext() throws Exception {
        assertTrue(restoringRole().startsWith("RestoreRunbookAutomationRole"), restoringRole());
        assertFalse(fires(calledBy(modifyKmsPolicy(), "AssumedRole", roleArn(restoringRole()))),
                "the automation's own ModifyVpcEndpoint");
    }

    @Test
    void firesOnAnyOtherRoleAnIamUserOrTheRootUser() throws Exception {
        assertTrue(fires(calledBy(modifyKmsPolicy(), "AssumedRole", roleArn("Administrator"))), "another role");
        assertTrue(fires(calledBy(modifyKmsPolicy(), "IAMUser", null)), "an IAM user has no session issuer");
        assertTrue(fires(calledBy(modifyKmsPolicy(), "Root", null)), "the root user has no session issuer");
    }

    @Test
    void firesWhenAGuardedEndpointsPolicyIsReplaced() throws Exception {
        assertTrue(fires(modifyKmsPolicy()));
    }

    @Test
    void firesWhenAGuardedEndpointsPolicyIsResetToTheAllowEverythingDefault() throws Exception {
        ObjectNode record = modifyKmsPolicy();
        ObjectNode request = (ObjectNode) record.at("/requestParameters/ModifyVpcEndpointRequest");
        request.remove("PolicyDocument");
        request.put("ResetPolicy", true);
        assertTrue(fires(record));
    }

    @Test
    void doesNotFireOnAnotherEndpointOnARouteChangeOrOnAFailedCall() throws Exception {
        ObjectNode other = modifyKmsPolicy();
        ((ObjectNode) other.at("/requestParameters/ModifyVpcEndpointRequest")).put("VpcEndpointId",
                "vpce-0000000000000000f");
        assertFalse(fires(other), "an endpoint this construct does not guard");
        ObjectNode routes = modifyKmsPolicy();
        ObjectNode request = (ObjectNode) routes.at("/requestParameters/ModifyVpcEndpointRequest");
        request.remove("PolicyDocument");
        request.putArray("AddRouteTableId").add("rtb-0123456789abcdef0");
        assertFalse(fires(routes), "no policy in the request");
        ObjectNode denied = modifyKmsPolicy();
        denied.put("errorCode", "Client.UnauthorizedOperation");
        assertFalse(fires(denied), "the call failed: nothing to restore");
    }

    // ----------------------------------------------------------------------------------------- automation

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps() {
        return (List<Map<String, Object>>) restore.getRunbook().getContent().get("mainSteps");
    }

    @Test
    void theRuleStartsTheRestoreWithTheEndpointIdOfTheRequestAndNotifies() {
        String targets = stack.resolve(((software.amazon.awscdk.services.events.CfnRule) restore.getRule().getNode()
                .getDefaultChild()).getTargets()).toString();
        assertTrue(targets.contains("$.detail.requestParameters.ModifyVpcEndpointRequest.VpcEndpointId"), targets);
        assertTrue(targets.contains("restoring the deployed policy"), targets);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachGuardedEndpointIsRestoredToItsSynthesizedPolicy() throws Exception {
        List<Map<String, Object>> choices = (List<Map<String, Object>>) ((Map<String, Object>) steps().get(0)
                .get("inputs")).get("Choices");
        assertEquals(2, choices.size());
        assertEquals(Map.of("Ref", kmsId()), stack.resolve(choices.get(0).get("StringEquals")));
        Map<String, Object> inputs = (Map<String, Object>) steps().get(1).get("inputs");
        assertEquals("ModifyVpcEndpoint", inputs.get("Api"));
        assertEquals("{{ VpcEndpointId }}", inputs.get("VpcEndpointId"));
        Object deployed = stack.resolve(((software.amazon.awscdk.services.ec2.CfnVPCEndpoint) kms.getNode()
                .getDefaultChild()).getPolicyDocument());
        JsonNode restored = Samples.JSON.readTree(stack.resolve(inputs.get("PolicyDocument")).toString());
        assertEquals(Samples.JSON.valueToTree(deployed), restored);
        assertEquals(Boolean.TRUE, steps().get(2).get("isEnd"));
    }

    @Test
    void theAutomationMayModifyOnlyTheGuardedEndpoints() {
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Map.of("Sid", "RestoreGuardedEndpointPolicies", "Effect", "Allow",
                        "Action", "ec2:ModifyVpcEndpoint",
                        "Resource", List.of(endpointArn("Kms"), endpointArn("S3")))))));
    }

    private static Object endpointArn(final String id) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":ec2:eu-west-1:111111111111:vpc-endpoint/", Map.of("Ref", Match.stringLikeRegexp("^" + id + "[A-F0-9]+$")))));
    }

    @Test
    void theDocumentIsUpdatedAfterTheEndpointsSoADeploymentRestoresTheNewPolicy() {
        template.hasResource("AWS::SSM::Document", Map.of("DependsOn", Match.arrayWith(List.of(
                Match.stringLikeRegexp("^Kms[A-F0-9]+$"), Match.stringLikeRegexp("^S3[A-F0-9]+$")))));
    }

    // ---------------------------------------------------------------------------------------------- modes

    @Test
    void alertOnlyNotifiesWithoutAnAutomationAndWarns() {
        Stack alertOnly = TestStacks.regionalStack();
        Vpc v = Vpc.Builder.create(alertOnly, "Vpc").maxAzs(1).natGateways(0).build();
        GatewayVpcEndpoint s3 = GatewayVpcEndpoint.Builder.create(alertOnly, "S3").vpc(v)
                .service(GatewayVpcEndpointAwsService.S3).build();
        s3.addToPolicy(PolicyStatement.Builder.create().principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:GetObject")).resources(List.of("*")).build());
        EndpointPolicyRestore r = new EndpointPolicyRestore(alertOnly, "Restore",
                new SecurityAlerts(alertOnly, "Alerts", null), List.<IVpcEndpoint>of(s3), true);
        assertNull(r.getRunbook());
        Template.fromStack(alertOnly).resourceCountIs("AWS::SSM::Document", 0);
        TestStacks.annotations(alertOnly).hasWarning("/Test/Restore", Match.stringLikeRegexp(".*alert-only.*"));
    }

    @Test
    void failsOnAnEndpointWithoutAPolicyAndOnNoEndpoints() {
        Stack bad = TestStacks.regionalStack();
        Vpc v = Vpc.Builder.create(bad, "Vpc").maxAzs(1).natGateways(0).build();
        InterfaceVpcEndpoint messages = InterfaceVpcEndpoint.Builder.create(bad, "Messages").vpc(v)
                .service(InterfaceVpcEndpointAwsService.SSM_MESSAGES).build();
        SecurityAlerts alerts = new SecurityAlerts(bad, "Alerts", null);
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new EndpointPolicyRestore(bad, "Restore", alerts, List.<IVpcEndpoint>of(messages), false));
        assertEquals("Invalid configuration of EndpointPolicyRestore Test/Restore (1 problem):"
                + "\n  - [SVPC-015] endpoints = 'Test/Messages': endpoints with a policy (ssmmessages and ec2messages "
                + "take none)", e.getMessage());
        BlueprintValidationException none = assertThrows(BlueprintValidationException.class, () ->
                new EndpointPolicyRestore(bad, "None", alerts, List.of(), false));
        assertTrue(none.getMessage().endsWith("[SVPC-015] endpoints = '[]': at least one endpoint"), none.getMessage());
    }
}
