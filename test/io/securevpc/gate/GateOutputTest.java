package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

/** What the gate prints after synth: verdicts, warnings counted by rule, and the call that acknowledges. */
class GateOutputTest {
    @Test
    void countsWarningsByRuleInOneLineAndSaysHowToAcknowledge() {
        Stack stack = TestStacks.regionalStack();
        for (String id : List.of("One", "Two")) {
            CfnSecurityGroup.Builder.create(stack, id).groupDescription("default egress").vpcId("vpc-12345678").build();
        }
        App app = (App) stack.getNode().getRoot();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComplianceGate gate = ComplianceGate.builder().stockPacks(List.of()).cloudFormationValidation(false)
                .report(false).verdictStream(new PrintStream(out, true, StandardCharsets.UTF_8)).build(app);

        gate.synth(app);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("[compliance-gate] validation time:")).toList();
        assertEquals(List.of("[compliance-gate] BlueprintChecks: PASS (0 errors, 2 warnings) on 1 stack",
                "[compliance-gate]   warnings by rule: BlueprintChecks-SecurityGroupNoAllowAllEgress x2",
                "[compliance-gate] acknowledge a finding that cannot be fixed on its resource, with the rule id shown: "
                        + "io.securevpc.compliance.Acknowledgements.acknowledge(cfnResource, reason, \"<rule id>\")"),
                lines);
    }
}
