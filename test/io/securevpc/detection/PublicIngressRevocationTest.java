package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/**
 * PublicIngressRevocation's automation (BP-NET-2, BP-MON-5): a rule modified to be world-open is revoked by the rule
 * id CloudTrail records, an authorized one by its exact world-open form.
 */
class PublicIngressRevocationTest {
    private static PublicIngressRevocation revocation;
    private static Stack stack;

    @BeforeAll
    static void synth() {
        stack = TestStacks.regionalStack();
        revocation = new PublicIngressRevocation(stack, "Revoke", new SecurityAlerts(stack, "Alerts", null), null,
                null, false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> step(final String name) {
        return ((List<Map<String, Object>>) revocation.getRunbook().getContent().get("mainSteps")).stream()
                .filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
    }

    @Test
    void revokesAModifiedRuleByItsId() {
        Map<String, Object> byId = step("RevokeModifiedRule");
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = (Map<String, Object>) byId.get("inputs");
        assertEquals("RevokeSecurityGroupIngress", inputs.get("Api"));
        assertEquals(List.of("{{ RuleId }}"), inputs.get("SecurityGroupRuleIds"));
        assertEquals("{{ GroupId }}", inputs.get("GroupId"));
    }

    @Test
    void branchesOnTheRuleIdSoAnAuthorizedRuleIsRevokedByItsForm() {
        Map<String, Object> branch = step("ByRuleId");
        assertEquals("aws:branch", branch.get("action"));
        assertEquals("RevokeIpv4Port22", ((Map<?, ?>) branch.get("inputs")).get("Default"));
        assertEquals(Boolean.TRUE, step("RevokeIpv6AllTraffic").get("isEnd"), "the form-based steps end the run");
    }

    @Test
    void theModifyRuleStartsTheAutomationWithTheRuleIdOfTheRequest() {
        String input = stack.resolve(((software.amazon.awscdk.services.events.CfnRule) revocation.getModifyRule()
                .getNode().getDefaultChild()).getTargets()).toString();
        assertTrue(input.contains("ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRuleId"), input);
        assertTrue(input.contains("RuleId"), input);
    }
}
