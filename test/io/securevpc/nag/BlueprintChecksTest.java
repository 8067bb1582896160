package io.securevpc.nag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.app.BlueprintApp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.Stack;

/** The pack as a whole: its rule ids, and the blueprint app clean under it. */
class BlueprintChecksTest {
    @Test
    void listsEveryRuleIdOfThePack() {
        assertEquals(List.of(
                "BlueprintChecks-VPCFlowLogAllTraffic",
                "BlueprintChecks-FlowLogFormatComplete",
                "BlueprintChecks-FlowLogDestinationEncrypted",
                "BlueprintChecks-SecurityGroupNoWorldIngress",
                "BlueprintChecks-SecurityGroupNoAllowAllEgress",
                "BlueprintChecks-SecurityGroupPrefersGroupReferences",
                "BlueprintChecks-NACLNoUnrestrictedAdminOrAllPorts",
                "BlueprintChecks-NACLDenyBeforeAllow",
                "BlueprintChecks-NACLEphemeralReturn",
                "BlueprintChecks-NACLAssociated",
                "BlueprintChecks-SubnetNoPublicIpOutsidePublicTier",
                "BlueprintChecks-PrivateRouteTableNoIGWRoute",
                "BlueprintChecks-DefaultRouteToIGWOnlyFromPublicTier",
                "BlueprintChecks-VPCEndpointPolicyRestricted",
                "BlueprintChecks-InterfaceEndpointPrivateDNS",
                "BlueprintChecks-InterfaceEndpointSecurityGroupsRestricted",
                "BlueprintChecks-PeeringRouteSpecific",
                "BlueprintChecks-PeeringNoOverlappingCIDRs",
                "BlueprintChecks-EndpointServiceRestricted",
                "BlueprintChecks-AuditBaselinePresent",
                "BlueprintChecks-RoleSeparatesSecurityGroupAndNACLDuties"),
                new BlueprintChecks(null).getRuleIds());
    }

    @Test
    void everyRuleCitesBestPracticesInItsMetadataAndRulesMd() throws Exception {
        String rulesMd = Files.readString(Path.of("RULES.md"));
        for (BlueprintChecks.RuleSpec rule : BlueprintChecks.RULES) {
            assertTrue(!rule.bestPractices().isEmpty() && rule.bestPractices().stream()
                    .allMatch(bp -> rule.explanation().contains(bp)), rule.id());
            assertTrue(rulesMd.contains("| " + rule.id() + " |"), rule.id() + " missing from RULES.md");
        }
    }

    @Test
    void theBlueprintAppIsCleanUnderThePack() throws Exception {
        // the app as cdk.json configures it: its environments and its feature flags
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) new ObjectMapper().readValue(Path.of("cdk.json").toFile(),
                Map.class).get("context");
        App app = App.Builder.create().context(context).build();
        BlueprintApp.Result result = BlueprintApp.build(app);
        BlueprintChecks pack = new BlueprintChecks(app);
        List<Stack> stacks = new java.util.ArrayList<>(result.stacks());
        stacks.addAll(result.connectivityStacks());
        for (Stack stack : stacks) {
            PolicyValidationPluginReport report = pack.validateScope(stack);
            assertEquals(List.of(), report.getViolations().stream().map(v -> v.getRuleName() + " "
                    + v.getViolatingResources().get(0).getConstructPath()).toList(), stack.getStackName());
        }
        // every rule whose resource types the app has ran
        assertEquals(new java.util.TreeSet<>(List.of("AuditBaselinePresent", "DefaultRouteToIGWOnlyFromPublicTier",
                "EndpointServiceRestricted", "PeeringNoOverlappingCIDRs",
                "FlowLogDestinationEncrypted", "FlowLogFormatComplete", "InterfaceEndpointPrivateDNS",
                "InterfaceEndpointSecurityGroupsRestricted", "VPCEndpointPolicyRestricted",
                "NACLAssociated", "NACLDenyBeforeAllow",
                "NACLEphemeralReturn", "NACLNoUnrestrictedAdminOrAllPorts", "PeeringRouteSpecific",
                "PrivateRouteTableNoIGWRoute", "RoleSeparatesSecurityGroupAndNACLDuties", "SecurityGroupNoAllowAllEgress",
                "SecurityGroupNoWorldIngress", "SecurityGroupPrefersGroupReferences", "SubnetNoPublicIpOutsidePublicTier",
                "VPCFlowLogAllTraffic")), new java.util.TreeSet<>(pack.getEvaluations().stream()
                .map(e -> e.rule().suffix()).toList()));
        GatedPack.Verdict gated = result.gate().verdicts().get(BlueprintChecks.PACK_NAME);
        assertEquals(0, gated.errors(), gated.render());
        assertEquals(0, gated.warnings(), gated.render());
    }
}
