package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import io.securevpc.compliance.Acknowledgements;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * The gate judges every resource CloudFormation deploys: a resource made through a plain {@code CfnResource},
 * which the stock packs' walk of the construct tree does not recognise, is checked from the synthesized template.
 */
class DeployedResourcesTest {
    private static final List<ComplianceGate.StockPack> PACKS = List.of(ComplianceGate.StockPack.NIST_800_53_R5,
            ComplianceGate.StockPack.SERVERLESS);

    /**
     * A Lambda function as raw CloudFormation: no DLQ, no VPC, no reserved concurrency, default memory and timeout,
     * not the newest Node.js runtime.
     */
    private static CfnResource rawFunction(final Construct scope, final String id) {
        return CfnResource.Builder.create(scope, id).type("AWS::Lambda::Function").properties(Map.of(
                "Code", Map.of("ZipFile", "exports.handler = async () => ({});"),
                "Handler", "index.handler",
                "Runtime", "nodejs22.x",
                "Role", "arn:aws:iam::111111111111:role/raw-function")).build();
    }

    private static ComplianceGate gate(final App app, final PrintStream verdicts) {
        return ComplianceGate.builder().stockPacks(PACKS).blueprintChecks(false).cloudFormationValidation(false)
                .report(false).verdictStream(verdicts).build(app);
    }

    /** (rule, construct path) of every error-level violating resource of the verdicts. */
    private static TreeSet<String> findings(final ComplianceGate gate) {
        TreeSet<String> out = new TreeSet<>();
        gate.verdicts().values().forEach(v -> v.violations().stream()
                .filter(x -> "error".equals(x.getSeverity()) || "fatal".equals(x.getSeverity()))
                .forEach(x -> x.getViolatingResources()
                        .forEach(r -> out.add(x.getRuleName() + " " + r.getConstructPath()))));
        return out;
    }

    @Test
    void failsAPlainCfnResourceLambdaFunctionThatTheConstructWalkPasses() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        rawFunction(stack, "RawFunction");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComplianceGate gate = gate(app, new PrintStream(out, true, StandardCharsets.UTF_8));

        RuntimeException e = assertThrows(RuntimeException.class, () -> gate.synth(app));

        assertTrue(e.getMessage().contains("Validation failed"), e.getMessage());
        assertEquals(new TreeSet<>(List.of(
                "NIST.800.53.R5-LambdaConcurrency Consumer/RawFunction",
                "NIST.800.53.R5-LambdaDLQ Consumer/RawFunction",
                "NIST.800.53.R5-LambdaInsideVPC Consumer/RawFunction",
                "Serverless-LambdaDLQ Consumer/RawFunction",
                "Serverless-LambdaDefaultMemorySize Consumer/RawFunction",
                "Serverless-LambdaDefaultTimeout Consumer/RawFunction",
                "Serverless-LambdaLatestVersion Consumer/RawFunction")), findings(gate));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("[compliance-gate] NIST.800.53.R5: FAIL (3 errors, 0 warnings) on 1 stack"), printed);
        assertTrue(printed.contains("[compliance-gate] Serverless: FAIL (4 errors, 1 warning) on 1 stack"), printed);
        // before: the packs walk constructs only, and a plain CfnResource is no CfnFunction
        for (GatedPack pack : gate.getPacks()) {
            assertEquals(List.of(), ValidationReports.validate(pack.getPack(), List.of(stack)), pack.getName());
        }
    }

    @Test
    void reportsAFindingOnAPlainCfnResourceWithItsTemplateAndLogicalId() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        rawFunction(stack, "RawFunction");
        ComplianceGate gate = gate(app, null);

        assertThrows(RuntimeException.class, () -> gate.synth(app));

        PolicyViolation dlq = gate.verdicts().get("Serverless").violations().stream()
                .filter(v -> "Serverless-LambdaDLQ".equals(v.getRuleName())).findFirst().orElseThrow();
        assertEquals("Serverless-LambdaDLQ", dlq.getRuleName());
        assertEquals("error", dlq.getSeverity());
        PolicyViolatingResource r = dlq.getViolatingResources().get(0);
        assertEquals("RawFunction", r.getResourceLogicalId());
        assertTrue(r.getTemplatePath().endsWith("Consumer.template.json"), r.getTemplatePath());
        assertTrue(gate.report().text().contains("Serverless-LambdaDLQ"), gate.report().text());
    }

    @Test
    void acknowledgementsOnTheOriginalResourceApply() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        CfnResource function = rawFunction(stack, "RawFunction");
        Acknowledgements.acknowledge(function, "Test function: runs once at deployment, outside any VPC on purpose",
                "NIST.800.53.R5-LambdaInsideVPC", "NIST.800.53.R5-LambdaDLQ", "Serverless-LambdaDLQ");
        ComplianceGate gate = gate(app, null);

        assertThrows(RuntimeException.class, () -> gate.synth(app));

        assertEquals(new TreeSet<>(List.of("NIST.800.53.R5-LambdaConcurrency Consumer/RawFunction",
                "Serverless-LambdaDefaultMemorySize Consumer/RawFunction",
                "Serverless-LambdaDefaultTimeout Consumer/RawFunction",
                "Serverless-LambdaLatestVersion Consumer/RawFunction")), findings(gate));
    }

    @Test
    void checksTheUntypedResourcesOfANestedStackAndTheProjectPackFailsClosedOnIt() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Parent");
        NestedStack nested = new NestedStack(stack, "Inner");
        rawFunction(nested, "RawFunction");
        ComplianceGate gate = ComplianceGate.builder().stockPacks(List.of(ComplianceGate.StockPack.SERVERLESS))
                .cloudFormationValidation(false).report(false).verdictStream(null).build(app);

        assertThrows(RuntimeException.class, () -> gate.synth(app));

        assertEquals(new TreeSet<>(List.of("Serverless-LambdaDLQ Parent/Inner/RawFunction",
                "Serverless-LambdaDefaultMemorySize Parent/Inner/RawFunction",
                "Serverless-LambdaDefaultTimeout Parent/Inner/RawFunction",
                "Serverless-LambdaLatestVersion Parent/Inner/RawFunction",
                "SecureVpc-NestedStackNotChecked Parent/Inner.NestedStack/Inner.NestedStackResource")), findings(gate));
        PolicyViolation nestedFinding = gate.verdicts().get("BlueprintChecks").violations().get(0);
        assertEquals("fatal", nestedFinding.getSeverity());
        assertEquals("BlueprintChecks reads only the templates of the cloud assembly's stacks, so it has not checked "
                + "the resources of nested stack Parent/Inner.NestedStack/Inner.NestedStackResource "
                + "(ParentInner571755B8.nested.template.json, 1 resource): they would deploy unjudged.",
                nestedFinding.getDescription());
    }
}
