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
 * PublicIngressRevocation's automation (BP-NET-2, BP-MON-5): one script step that reads the group and revokes its
 * world-open ranges on the protected ports, judged as address sets (the script's own tests are in
 * test_world_open_ingress.py); the modify rule starts it with the group of the request.
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
    private static List<Map<String, Object>> steps() {
        return (List<Map<String, Object>>) revocation.getRunbook().getContent().get("mainSteps");
    }

    @Test
    void theOneStepRunsTheAddressSetScriptOnTheGroupAndTheProtectedPorts() {
        assertEquals(List.of("RevokeWorldOpenRanges"), steps().stream().map(s -> s.get("name")).toList());
        Map<?, ?> inputs = (Map<?, ?>) steps().get(0).get("inputs");
        assertEquals("aws:executeScript", steps().get(0).get("action"));
        assertEquals("python3.11", inputs.get("Runtime"));
        assertEquals(AutomationRunbook.script(PublicIngressRevocation.SCRIPT_RESOURCE), inputs.get("Script"));
        assertEquals(Map.of("groupId", "{{ GroupId }}", "ports", List.of(22, 3389)), inputs.get("InputPayload"));
        assertTrue(((String) inputs.get("Script")).contains("collapse_addresses"), "judges address sets");
    }

    @Test
    void theModifyRuleStartsTheAutomationWithTheGroupOfTheRequest() {
        String input = stack.resolve(((software.amazon.awscdk.services.events.CfnRule) revocation.getModifyRule()
                .getNode().getDefaultChild()).getTargets()).toString();
        assertTrue(input.contains("ModifySecurityGroupRulesRequest.GroupId"), input);
        assertTrue(!input.contains("RuleId\\\":"), input);
    }

    @Test
    void theRoleReadsAnyGroupButRevokesOnlyInItsAccountAndRegion() {
        String policies = stack.resolve(((software.amazon.awscdk.services.iam.CfnManagedPolicy) revocation.getRunbook()
                .getNode().findAll().stream().filter(c -> c instanceof software.amazon.awscdk.services.iam.CfnManagedPolicy)
                .findFirst().orElseThrow()).getPolicyDocument()).toString();
        assertTrue(policies.contains("Sid=ReadTheGroupsRules") && policies.contains("ec2:DescribeSecurityGroups"),
                policies);
        assertTrue(policies.contains("Sid=RevokeWorldOpenIngress") && policies.contains("aws:ResourceAccount")
                && policies.contains("aws:RequestedRegion"), policies);
    }
}
