package io.securevpc.nag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.securevpc.TestStacks;
import io.securevpc.compliance.Acknowledgements;
import io.securevpc.compliance.DeprecatedRuleIds;
import io.securevpc.nag.rules.ec2.NetworkAclAssociated;
import io.securevpc.nag.rules.ec2.NetworkAclDenyBeforeAllow;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ec2.CfnNetworkAcl;
import software.amazon.awscdk.services.ec2.CfnNetworkAclEntry;

/**
 * Rule ids are the rules' class names; the 11 ids that changed stay accepted in acknowledgements for one release
 * (cdk-nag matches an acknowledgement by exact id, so an old one would otherwise stop applying), with a warning.
 */
class RenamedRuleIdsTest {
    private static final String REASON = "Kept on purpose in this test: the acknowledgement is what is under test";

    @Test
    void everyRenamedIdMapsAnOldIdToARuleOfThePack() {
        Set<String> ids = new TreeSet<>(new BlueprintChecks(null).getRuleIds());
        Set<String> renamed = new TreeSet<>(DeprecatedRuleIds.RENAMED.values());
        assertEquals(11, renamed.size());
        assertEquals(renamed, new TreeSet<>(ids.stream().filter(renamed::contains).toList()));
        DeprecatedRuleIds.RENAMED.keySet().forEach(old -> assertFalse(ids.contains(old), old));
        // a rule whose id did not change has no old id
        assertNull(DeprecatedRuleIds.old("BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:22]"));
    }

    @Test
    void mapsOldIdsToNewOnesKeepingTheGranularPart() {
        assertEquals("BlueprintChecks-NetworkAclDenyBeforeAllow[ingress-200]",
                DeprecatedRuleIds.current("BlueprintChecks-NACLDenyBeforeAllow[ingress-200]"));
        assertEquals("BlueprintChecks-NACLDenyBeforeAllow[ingress-200]",
                DeprecatedRuleIds.old("BlueprintChecks-NetworkAclDenyBeforeAllow[ingress-200]"));
        assertEquals("AwsSolutions-VPC3", DeprecatedRuleIds.current("AwsSolutions-VPC3"));
        assertEquals("BlueprintChecks-NetworkAclAssociated", DeprecatedRuleIds.current("BlueprintChecks-NetworkAclAssociated"));
    }

    @Test
    void anOldIdGivenToAcknowledgementsStillAcknowledgesTheRenamedRuleAndWarnsAtSynth() {
        Stack stack = TestStacks.regionalStack();
        CfnNetworkAcl acknowledged = CfnNetworkAcl.Builder.create(stack, "Acknowledged").vpcId("vpc-12345678").build();
        CfnNetworkAcl.Builder.create(stack, "NotAcknowledged").vpcId("vpc-12345678").build();

        Acknowledgements.acknowledge(acknowledged, REASON, "BlueprintChecks-NACLAssociated");

        Annotations.fromStack(stack).hasWarning("/Test/Acknowledged", Match.exact("Rule id BlueprintChecks-NACLAssociated "
                + "is deprecated and will stop being accepted in the next release: acknowledge "
                + "BlueprintChecks-NetworkAclAssociated instead. [ack: " + Acknowledgements.DEPRECATED_ID_WARNING + "]"));
        PackFindings findings = PackFindings.checkOnly(stack, NetworkAclAssociated.class);
        assertEquals(List.of(), findings.at("Test/Acknowledged"));
        assertEquals(List.of("BlueprintChecks-NetworkAclAssociated"), findings.at("Test/NotAcknowledged"));
    }

    @Test
    void anOldIdAcknowledgedDirectlyThroughValidationsStillAcknowledgesTheRenamedRuleAndWarns() {
        Stack stack = TestStacks.regionalStack();
        CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, "Acl").vpcId("vpc-12345678").build();
        entry(stack, "Allow", acl, 100, "allow");
        entry(stack, "LateDeny", acl, 200, "deny");
        entry(stack, "LaterDeny", acl, 300, "deny");
        Validations.of(acl).acknowledge(Acknowledgment.builder().id("BlueprintChecks-NACLDenyBeforeAllow[ingress-200]")
                .reason(REASON).build());
        BlueprintChecks pack = BlueprintChecks.only(stack.getNode().getRoot(), NetworkAclDenyBeforeAllow.class);

        List<String> reported = pack.validateScope(stack).getViolations().stream().map(v -> v.getRuleName()).toList();

        assertEquals(List.of("BlueprintChecks-NetworkAclDenyBeforeAllow[ingress-300]"), reported);
        assertEquals(List.of("[BlueprintChecks] warning at Test/Acl: Rule id "
                + "BlueprintChecks-NACLDenyBeforeAllow[ingress-200] is deprecated and will stop being accepted in the "
                + "next release: acknowledge BlueprintChecks-NetworkAclDenyBeforeAllow[ingress-200] instead."),
                pack.getDeprecatedAcknowledgements());
    }

    private static void entry(final Stack stack, final String id, final CfnNetworkAcl acl, final int number,
                              final String action) {
        CfnNetworkAclEntry.Builder.create(stack, id).networkAclId(acl.getRef()).ruleNumber(number).ruleAction(action)
                .egress(false).cidrBlock("198.51.100.0/24").protocol(-1).build();
    }
}
