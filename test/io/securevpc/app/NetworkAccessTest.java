package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import io.securevpc.TestStacks;
import io.securevpc.iam.Guardrails;
import io.securevpc.iam.OperatorDuty;
import io.securevpc.iam.RuleEffect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The app's access wiring on the three-tier environment of cdk.json (one shared template, no gate). */
class NetworkAccessTest {
    private static NetworkStack stack;
    private static Template template;

    @BeforeAll
    static void synth() {
        App app = AppContext.app();
        EnvironmentConfig threeTier = BlueprintConfig.parse(app.getNode().tryGetContext(BlueprintConfig.CONTEXT_KEY))
                .environments().stream().filter(e -> e.shape() == EnvironmentConfig.Shape.THREE_TIER)
                .findFirst().orElseThrow();
        stack = new NetworkStack(app, threeTier);
        new NetworkAccess(stack);
        template = Template.fromStack(stack);
    }

    @Test
    void everyRoleOfTheStackCarriesTheBoundaryOperatorsFlowLogDeliveryAndCdkHelper() {
        Map<String, Map<String, Object>> roles = template.findResources("AWS::IAM::Role");
        assertEquals(OperatorDuty.values().length + 2, roles.size(), roles.keySet().toString());
        template.allResourcesProperties("AWS::IAM::Role", Map.of(
                "PermissionsBoundary", Map.of("Ref", Match.stringLikeRegexp("^AccessBoundaryPolicy"))));
    }

    @Test
    void operatorRolesTrustTheStacksAccountWithMfaOnly() {
        for (OperatorDuty duty : OperatorDuty.values()) {
            template.hasResourceProperties("AWS::IAM::Role", Map.of("Description", duty.description(),
                    "AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                            "Action", "sts:AssumeRole", "Effect", "Allow",
                            "Principal", Map.of("AWS", Match.objectLike(Map.of())),
                            "Condition", Map.of("Bool", Map.of("aws:MultiFactorAuthPresent", "true")))))));
        }
    }

    @Test
    void onlyThisVpcMayHaveAnInternetGatewayAndTheBoundaryFitsIamsSizeLimit() {
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "NoInternetGatewaysOutsideAllowedVpcs",
                        "Effect", "Deny", "Action", "ec2:AttachInternetGateway",
                        "NotResource", List.of(Match.objectLike(Map.of("Fn::Join", Match.anyValue())),
                                "arn:aws:ec2:*:*:internet-gateway/*"))))))));
        TestStacks.annotations(stack).hasNoWarning("*", Match.stringLikeRegexp("the permission boundary is about.*"));
        assertTrue(template.findResources("AWS::IAM::Policy").isEmpty(), "no inline policy resources");
    }

    @Test
    void theBoundaryAllowsNoCallTheMonitoringGuardrailsDenySoNoBoundedRoleCanBlindMonitoring() {
        // The monitoring denies live in their own policy and the SCP; the boundary needs none of them, because no
        // allow of its ceiling names any of those actions (the boundary has no wildcard allow).
        List<String> monitoring = Guardrails.monitoringStatements(new Guardrails.Monitoring("aws", List.of(),
                        List.of("arn:aws:s3:::archive"), List.of("arn:aws:sns:eu-west-1:111111111111:alerts"),
                        List.of("arn:aws:cloudformation:*:*:stack/SecureVpc-Audit*"))).stream()
                .flatMap(r -> r.actions().stream()).toList();
        NetworkAccess access = (NetworkAccess) stack.getNode().findChild("Access");
        List<String> allowed = access.getBoundary().getRules().stream().filter(r -> r.effect() == RuleEffect.ALLOW)
                .flatMap(r -> r.actions().stream()).toList();
        assertTrue(allowed.size() > 10, "the ceiling is not empty: " + allowed.size());
        for (String action : allowed) {
            for (String denied : monitoring) {
                String regex = "(?i)" + java.util.regex.Pattern.quote(denied).replace("*", "\\E.*\\Q");
                assertFalse(action.matches(regex), action + " is allowed by the boundary, " + denied + " is denied");
            }
        }
    }
}
