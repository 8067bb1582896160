package io.securevpc.nag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.app.BlueprintApp;
import io.securevpc.gate.GatedPack;
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
                "BlueprintChecks-VpcFlowLogAllTraffic",
                "BlueprintChecks-FlowLogFormatComplete",
                "BlueprintChecks-FlowLogDestinationEncrypted",
                "BlueprintChecks-SecurityGroupNoWorldIngress",
                "BlueprintChecks-SecurityGroupNoAllowAllEgress",
                "BlueprintChecks-SecurityGroupPrefersGroupReferences",
                "BlueprintChecks-NetworkAclNoUnrestrictedAdminOrAllPorts",
                "BlueprintChecks-NetworkAclDenyBeforeAllow",
                "BlueprintChecks-NetworkAclEphemeralReturn",
                "BlueprintChecks-NetworkAclAssociated",
                "BlueprintChecks-SubnetNoPublicIpOutsidePublicTier",
                "BlueprintChecks-RouteTableNoIgwRouteFromPrivateTier",
                "BlueprintChecks-DefaultRouteToIgwOnlyFromPublicTier",
                "BlueprintChecks-VpcEndpointPolicyRestricted",
                "BlueprintChecks-InterfaceEndpointPrivateDns",
                "BlueprintChecks-InterfaceEndpointSecurityGroupsRestricted",
                "BlueprintChecks-PeeringRouteSpecific",
                "BlueprintChecks-PeeringNoOverlappingCidrs",
                "BlueprintChecks-EndpointServiceRestricted",
                "BlueprintChecks-AuditBaselinePresent",
                "BlueprintChecks-RoleSeparatesSecurityGroupAndNaclDuties"),
                new BlueprintChecks(null).getRuleIds());
    }

    @Test
    void everyRuleCitesBestPracticesInItsMetadataAndRulesMd() throws Exception {
        String rulesMd = Files.readString(Path.of("RULES.md"));
        for (RuleSpec rule : BlueprintChecks.RULES) {
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
        assertEquals(new java.util.TreeSet<>(List.of("AuditBaselinePresent", "DefaultRouteToIgwOnlyFromPublicTier",
                "EndpointServiceRestricted", "PeeringNoOverlappingCidrs",
                "FlowLogDestinationEncrypted", "FlowLogFormatComplete", "InterfaceEndpointPrivateDns",
                "InterfaceEndpointSecurityGroupsRestricted", "VpcEndpointPolicyRestricted",
                "NetworkAclAssociated", "NetworkAclDenyBeforeAllow",
                "NetworkAclEphemeralReturn", "NetworkAclNoUnrestrictedAdminOrAllPorts", "PeeringRouteSpecific",
                "RouteTableNoIgwRouteFromPrivateTier", "RoleSeparatesSecurityGroupAndNaclDuties", "SecurityGroupNoAllowAllEgress",
                "SecurityGroupNoWorldIngress", "SecurityGroupPrefersGroupReferences", "SubnetNoPublicIpOutsidePublicTier",
                "VpcFlowLogAllTraffic")), new java.util.TreeSet<>(pack.getEvaluations().stream()
                .map(e -> e.rule().suffix()).toList()));
        GatedPack.Verdict gated = result.gate().verdicts().get(BlueprintChecks.PACK_NAME);
        assertEquals(0, gated.errors(), gated.render());
        assertEquals(0, gated.warnings(), gated.render());
    }
}
