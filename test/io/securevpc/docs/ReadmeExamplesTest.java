package io.securevpc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.gate.ComplianceGate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** The README's two examples pass the compliance gate as they are shown. */
class ReadmeExamplesTest {
    private static final List<String> PLUGINS = List.of("BlueprintChecks", "AwsSolutions", "NIST.800.53.R4",
            "NIST.800.53.R5", "HIPAA.Security", "PCI.DSS.321", "Serverless", "CloudFormation Validate");

    /**
     * The quick start's main(), run as `cdk synth` runs it (a bare App: no cdk.json context of this repository),
     * prints PASS for every plugin (on standard error).
     */
    @Test
    void quickStartAppPassesTheGate() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            QuickStartApp.main(new String[0]);
        } finally {
            System.setErr(err);
        }
        String lines = printed.toString(StandardCharsets.UTF_8);
        for (String plugin : PLUGINS) {
            assertTrue(lines.contains("[compliance-gate] " + plugin + ": PASS"), plugin + " in:\n" + lines);
        }
    }

    /**
     * The three-tier example, with the audit baseline declared, passes every cdk-nag pack of the gate (CloudFormation's
     * template checks, the slow part, are run on the quick start above).
     */
    @Test
    void threeTierExamplePassesTheGate() {
        App app = new App();
        ThreeTierStack stack = new ThreeTierStack(app, "ThreeTier", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        AuditBaselineDeclaration.declare(stack, "Given by the test", List.of(AuditBaselineDeclaration.CLOUDTRAIL,
                AuditBaselineDeclaration.CONFIG, AuditBaselineDeclaration.GUARDDUTY));
        ComplianceGate gate = ComplianceGate.builder().cloudFormationValidation(false).verdictStream(null).build(app);

        gate.synth(app);

        gate.verdicts().forEach((pack, verdict) -> assertEquals(0, verdict.errors(), pack));
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::EC2::NatGateway", 3);
        template.resourceCountIs("AWS::EC2::NetworkAcl", 3);
    }
}
