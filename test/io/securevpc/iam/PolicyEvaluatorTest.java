package io.securevpc.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.iam.PolicyEvaluator.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluator itself: the IAM semantics the allow/deny table relies on (pure Java). */
class PolicyEvaluatorTest {
    private static final String SG = "arn:aws:ec2:eu-west-1:111111111111:security-group/sg-1";

    @Test
    void anExplicitDenyWinsOverAnAllow() {
        List<PolicyRule> rules = List.of(
                PolicyRule.allow("A").actions("ec2:DeleteFlowLogs").resources(SG).build(),
                PolicyRule.deny("D").actions("ec2:*").resources("*").build());
        assertEquals(Decision.DENIED, PolicyEvaluator.evaluate(rules, AccessRequest.of("ec2:DeleteFlowLogs", SG)));
    }

    @Test
    void nothingMatchingIsNotGranted() {
        List<PolicyRule> rules = List.of(PolicyRule.allow("A").actions("ec2:CreateRoute").resources(SG).build());
        assertEquals(Decision.NOT_GRANTED, PolicyEvaluator.evaluate(rules, AccessRequest.of("ec2:DeleteRoute", SG)));
    }

    @Test
    void actionWildcardsMatchCaseInsensitivelyAndResourceWildcardsCaseSensitively() {
        List<PolicyRule> rules = List.of(PolicyRule.deny("D").actions("EC2:Delete*")
                .resources("arn:aws:ec2:*:*:security-group/sg-?").build());
        assertEquals(Decision.DENIED, PolicyEvaluator.evaluate(rules, AccessRequest.of("ec2:deleteroute", SG)));
        assertEquals(Decision.NOT_GRANTED,
                PolicyEvaluator.evaluate(rules, AccessRequest.of("ec2:DeleteRoute", SG.replace("sg-1", "SG-1"))));
        assertEquals(Decision.NOT_GRANTED,
                PolicyEvaluator.evaluate(rules, AccessRequest.of("ec2:DeleteRoute", SG + "2")));
    }

    @Test
    void notActionAndNotResourceApplyToEverythingElse() {
        List<PolicyRule> rules = List.of(PolicyRule.deny("D").notActions(List.of("iam:*"))
                .notResources(List.of("arn:aws:ec2:*:*:vpc/vpc-ok")).build());
        assertEquals(Decision.DENIED, PolicyEvaluator.evaluate(rules,
                AccessRequest.of("ec2:AttachInternetGateway", "arn:aws:ec2:eu-west-1:1:vpc/vpc-other")));
        assertEquals(Decision.NOT_GRANTED, PolicyEvaluator.evaluate(rules,
                AccessRequest.of("ec2:AttachInternetGateway", "arn:aws:ec2:eu-west-1:1:vpc/vpc-ok")));
        assertEquals(Decision.NOT_GRANTED, PolicyEvaluator.evaluate(rules,
                AccessRequest.of("iam:CreateRole", "arn:aws:ec2:eu-west-1:1:vpc/vpc-other")));
    }

    @Test
    void anAbsentKeyFailsAPositiveConditionAndSatisfiesANegatedOne() {
        PolicyRule positive = PolicyRule.allow("A").actions("ec2:CreateRoute").resources(SG)
                .when("ArnEquals", "ec2:Vpc", "arn:aws:ec2:eu-west-1:1:vpc/vpc-1").build();
        PolicyRule negated = PolicyRule.deny("D").actions("ec2:CreateRoute").resources(SG)
                .when("StringNotEquals", "aws:RequestedRegion", "eu-west-1").build();
        AccessRequest bare = AccessRequest.of("ec2:CreateRoute", SG);
        assertEquals(Decision.NOT_GRANTED, PolicyEvaluator.evaluate(List.of(positive), bare));
        assertEquals(Decision.ALLOWED,
                PolicyEvaluator.evaluate(List.of(positive), bare.with("EC2:VPC", "arn:aws:ec2:eu-west-1:1:vpc/vpc-1")));
        assertEquals(Decision.DENIED, PolicyEvaluator.evaluate(List.of(negated), bare));
        assertEquals(Decision.NOT_GRANTED,
                PolicyEvaluator.evaluate(List.of(negated), bare.with("aws:RequestedRegion", "eu-west-1")));
    }

    @Test
    void aBoundaryGrantsNothingByItselfAndLimitsTheIdentityPolicy() {
        List<PolicyRule> identity = List.of(PolicyRule.allow("A").actions("ec2:CreateRoute", "ec2:DeleteRoute")
                .resources(SG).build());
        List<PolicyRule> boundary = List.of(PolicyRule.allow("B").actions("ec2:CreateRoute", "ec2:CreateTags")
                .resources(SG).build());
        assertEquals(Decision.ALLOWED, PolicyEvaluator.evaluate(identity, boundary, AccessRequest.of("ec2:CreateRoute", SG)));
        assertEquals(Decision.NOT_GRANTED,
                PolicyEvaluator.evaluate(identity, boundary, AccessRequest.of("ec2:DeleteRoute", SG)));
        assertEquals(Decision.NOT_GRANTED,
                PolicyEvaluator.evaluate(identity, boundary, AccessRequest.of("ec2:CreateTags", SG)));
    }

    @Test
    void failsOnAnAllowWithAWildcardActionOrAnUnconditionedStarResource() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> PolicyRule.allow("Broad").actions("ec2:*").resources("*").build());
        assertEquals(List.of(ErrorCode.IAM_POLICY, ErrorCode.IAM_POLICY), e.getCodes());
        assertTrue(e.getMessage().contains("actions = 'ec2:*': an allow names each action"), e.getMessage());
        assertTrue(e.getMessage().contains("Resource \"*\" only for actions without resource-level permissions"),
                e.getMessage());
    }

    @Test
    void failsOnAnAllowWithNotResource() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> PolicyRule.allow("Inverse").actions("ec2:CreateRoute").notResources(List.of(SG)).build());
        assertTrue(e.getMessage().contains("NotAction/NotResource only in denies"), e.getMessage());
    }

    @Test
    void failsOnAConditionOperatorTheEvaluatorDoesNotImplement() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> new ConditionClause("NumericLessThan", "aws:MultiFactorAuthAge", List.of("3600")));
        assertTrue(e.getMessage().contains("[SVPC-012] operator = 'NumericLessThan': one of [ArnEquals, ArnLike, "
                + "ArnNotEquals, ArnNotLike, Bool, ForAnyValue:StringEquals, Null, StringEquals, StringLike, StringNotEquals, "
                + "StringNotLike]"),
                e.getMessage());
    }
}
