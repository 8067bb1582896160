package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.compliance.Acknowledgements;
import io.securevpc.compliance.CrossPackFinding;
import io.securevpc.nag.BlueprintChecks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.constructs.IConstruct;

/**
 * One open SSH rule is one finding in each of six packs: {@link Acknowledgements#acknowledgeAcrossPacks} takes them
 * all in one call, and the id CDK's report prints for a gate finding is one {@link Acknowledgements} accepts.
 */
class CrossPackAcknowledgementTest {
    private static final String REASON = "Bastion of the test: SSH from anywhere is what this group is for here";

    private static Stack stackWithWorldSsh(final boolean acknowledged) {
        Stack stack = TestStacks.regionalStack();
        CfnSecurityGroup group = CfnSecurityGroup.Builder.create(stack, "Bastion").groupDescription("bastion host")
                .vpcId("vpc-12345678")
                .securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder().ipProtocol("tcp")
                        .fromPort(22).toPort(22).cidrIp("0.0.0.0/0").build()))
                .securityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder().ipProtocol("tcp")
                        .fromPort(443).toPort(443).destinationSecurityGroupId("sg-12345678").build()))
                .build();
        if (acknowledged) {
            Acknowledgements.acknowledgeAcrossPacks(group, REASON, CrossPackFinding.WORLD_SSH);
        }
        return stack;
    }

    /** @return the rule ids every pack of the gate reports on the stack (packs run directly, not through synth). */
    private static List<String> findings(final Stack stack) {
        IConstruct app = stack.getNode().getRoot();
        List<GatedPack> packs = new ArrayList<>();
        packs.add(new GatedPack(new BlueprintChecks(app)));
        for (ComplianceGate.StockPack p : ComplianceGate.StockPack.values()) {
            packs.add(new GatedPack(p.create(app)));
        }
        List<String> ids = new ArrayList<>();
        packs.forEach(p -> p.check(List.of(stack)).getViolations().forEach(v -> ids.add(v.getRuleName())));
        return ids;
    }

    @Test
    void worldSshIsTheSameFindingInSixPacks() {
        assertEquals(CrossPackFinding.WORLD_SSH.ruleIds(), findings(stackWithWorldSsh(false)));
    }

    @Test
    void oneCallAcknowledgesWorldSshInEveryPack() {
        assertEquals(List.of(), findings(stackWithWorldSsh(true)));
    }

    @Test
    void theIdPrintedForAGateFindingIsTheGatesPluginNameAndTheRuleIdThatAcknowledgementsAccepts() {
        // CDK's report prints "Acknowledge with '<plugin name, spaces as dashes>::<rule id>'"
        assertEquals(Acknowledgements.GATE_ID_PREFIX, GatePlugin.NAME.replace(' ', '-') + "::");
    }
}
