package io.securevpc.nag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.app.BlueprintApp;
import io.securevpc.gate.GatedPack;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.ec2.NetworkAclAssociated;
import io.securevpc.nag.rules.ec2.VpcFlowLogAllTraffic;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
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
                "BlueprintChecks-TransitGatewayFlowLog",
                "BlueprintChecks-VpnTunnelLogging",
                "BlueprintChecks-FlowLogDestinationEncrypted",
                "BlueprintChecks-VpcResolverQueryLogging",
                "BlueprintChecks-VpcDnsFirewall",
                "BlueprintChecks-VpcDnsFirewallRequired",
                "BlueprintChecks-SecurityGroupNoWorldIngress",
                "BlueprintChecks-SecurityGroupNoAllowAllEgress",
                "BlueprintChecks-SecurityGroupPrefersGroupReferences",
                "BlueprintChecks-NetworkAclNoUnrestrictedAdminOrAllPorts",
                "BlueprintChecks-NetworkAclDenyBeforeAllow",
                "BlueprintChecks-NetworkAclEphemeralReturn",
                "BlueprintChecks-NetworkAclNoWorldInboundWithoutInternetRoute",
                "BlueprintChecks-NetworkAclAssociated",
                "BlueprintChecks-SubnetNoPublicIpOutsidePublicTier",
                "BlueprintChecks-RouteTableNoIgwRouteFromPrivateTier",
                "BlueprintChecks-DefaultRouteToIgwOnlyFromPublicTier",
                "BlueprintChecks-VpcBlockPublicAccessEnabled",
                "BlueprintChecks-VpcEndpointPolicyRestricted",
                "BlueprintChecks-InterfaceEndpointPrivateDns",
                "BlueprintChecks-InterfaceEndpointSecurityGroupsRestricted",
                "BlueprintChecks-IsolatedVpcHasS3GatewayEndpoint",
                "BlueprintChecks-PeeringRouteSpecific",
                "BlueprintChecks-PeeringNoOverlappingCidrs",
                "BlueprintChecks-EndpointServiceRestricted",
                "BlueprintChecks-TransitGatewayNoDefaultRouteTableOrAutoAccept",
                "BlueprintChecks-VpnTunnelStrongCrypto",
                "BlueprintChecks-AuditBaselinePresent",
                "BlueprintChecks-AuditBaselineComplete",
                "BlueprintChecks-AlertTopicSubscribed",
                "BlueprintChecks-RoleSeparatesSecurityGroupAndNaclDuties",
                "BlueprintChecks-RolePolicyWildcardResourceNarrowed"),
                new BlueprintChecks(null).getRuleIds());
    }

    @Test
    void onlyRunsTheGivenRulesInTheTablesOrder() {
        assertEquals(List.of("BlueprintChecks-VpcFlowLogAllTraffic", "BlueprintChecks-NetworkAclAssociated"),
                BlueprintChecks.only(null, NetworkAclAssociated.class, VpcFlowLogAllTraffic.class).getRuleIds());
    }

    @Test
    void failsToMakeAPackOfARuleOutsideTheTable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlueprintChecks.only(null, NetworkAclAssociated.class, NotInTheTable.class));
        assertEquals("not rules of the BlueprintChecks pack (add them to RuleTable): "
                + "[io.securevpc.nag.BlueprintChecksTest$NotInTheTable]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BlueprintChecks.only(null));
    }

    @Test
    void theTableIsGroupedByCategoryAndEveryCategoryHasARule() {
        List<RuleCategory> categories = BlueprintChecks.RULES.stream().map(RuleSpec::category).toList();
        assertEquals(categories.stream().sorted().toList(), categories);
        assertEquals(List.of(RuleCategory.values()), categories.stream().distinct().toList());
    }

    /** A rule no row of the table names. */
    static final class NotInTheTable implements BlueprintRule {
        @Override
        public @NotNull Set<String> resourceTypes() {
            return Set.of("AWS::EC2::VPC");
        }

        @Override
        public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
            return RuleResult.compliant();
        }
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
        assertEquals(new java.util.TreeSet<>(List.of("AlertTopicSubscribed", "AuditBaselineComplete",
                "AuditBaselinePresent", "DefaultRouteToIgwOnlyFromPublicTier",
                "EndpointServiceRestricted", "PeeringNoOverlappingCidrs",
                "FlowLogDestinationEncrypted", "FlowLogFormatComplete", "InterfaceEndpointPrivateDns",
                "InterfaceEndpointSecurityGroupsRestricted", "VpcEndpointPolicyRestricted",
                "NetworkAclAssociated", "NetworkAclDenyBeforeAllow",
                "NetworkAclEphemeralReturn", "NetworkAclNoUnrestrictedAdminOrAllPorts", "PeeringRouteSpecific",
                "NetworkAclNoWorldInboundWithoutInternetRoute", "IsolatedVpcHasS3GatewayEndpoint",
                "TransitGatewayNoDefaultRouteTableOrAutoAccept", "VpnTunnelStrongCrypto", "TransitGatewayFlowLog",
                "VpnTunnelLogging",
                "RouteTableNoIgwRouteFromPrivateTier", "RolePolicyWildcardResourceNarrowed",
                "RoleSeparatesSecurityGroupAndNaclDuties", "SecurityGroupNoAllowAllEgress",
                "SecurityGroupNoWorldIngress", "SecurityGroupPrefersGroupReferences", "SubnetNoPublicIpOutsidePublicTier",
                "VpcFlowLogAllTraffic", "VpcResolverQueryLogging", "VpcDnsFirewall", "VpcDnsFirewallRequired",
                "VpcBlockPublicAccessEnabled")),
                new java.util.TreeSet<>(pack.getEvaluations().stream()
                .map(e -> e.rule().suffix()).toList()));
        GatedPack.Verdict gated = result.gate().verdicts().get(BlueprintChecks.PACK_NAME);
        assertEquals(0, gated.errors(), gated.render());
        // the shipped configuration subscribes an address to the alarm and alert topics
        assertEquals(0, gated.warnings(), gated.render());
    }
}
