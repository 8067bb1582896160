package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.AppContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CloudFormationValidatePlugin;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.s3.CfnBucket;

/**
 * The second CloudFormation validator ({@link CloudFormationWorker}): it must find exactly what CDK's plugin finds in
 * the jsii process on the same template, the gate's verdict and CDK's validation report must not depend on which of
 * the two validated a template, and a worker that cannot run must leave every template to the jsii process.
 */
class CloudFormationWorkerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An app of stacks with CloudFormation findings of several kinds and one without. */
    private static App app(final boolean worker) {
        App app = worker ? AppContext.app() : AppContext.app(java.util.Map.of(CloudFormationWorker.CONTEXT_KEY, "false"));
        for (int i = 1; i <= 5; i++) {
            Stack stack = new Stack(app, "Failing" + i);
            CfnBucket bucket = CfnBucket.Builder.create(stack, "Bucket").build();
            bucket.addPropertyOverride("NoSuchProperty" + i, "x"); // F3002, an error
            CfnSecurityGroup.Builder.create(stack, "Group").groupDescription("group " + i).vpcId("vpc-12345678")
                    .build();
            if (i % 2 == 0) {
                bucket.addPropertyOverride("VersioningConfiguration", java.util.Map.of("Status", "Sometimes"));
            }
        }
        Stack passing = new Stack(app, "Passing");
        CfnSecurityGroup.Builder.create(passing, "Group").groupDescription("passing").vpcId("vpc-12345678").build();
        return app;
    }

    @Test
    void theWorkerFindsWhatCdksPluginFindsInTheJsiiProcess() throws Exception {
        App app = app(true);
        CloudAssembly assembly = app.synth();
        CloudFormationValidatePlugin inner = ScopedCloudFormationValidation.inner();
        String version = GateCache.artifactVersion("software.amazon.awscdk", "aws-cdk-lib");
        Optional<Path> awsCdkLib = CloudFormationWorker.awsCdkLibDirectory();
        assertTrue(awsCdkLib.isPresent(), "jsii's extracted aws-cdk-lib");
        CloudFormationWorker worker = new CloudFormationWorker(CloudFormationWorker.command(awsCdkLib.get()), version);
        List<CloudFormationWorker.Job> jobs = new ArrayList<>();
        List<CachedChecks.StackRef> refs = new ArrayList<>();
        for (CloudFormationStackArtifact artifact : assembly.getStacks()) {
            Stack stack = (Stack) app.getNode().findChild(artifact.getHierarchicalId());
            Path template = Paths.get(artifact.getTemplateFullPath()).toAbsolutePath().normalize();
            refs.add(new CachedChecks.StackRef(stack, template, artifact.getTemplateFullPath(),
                    artifact.getHierarchicalId()));
            jobs.add(new CloudFormationWorker.Job(GateCache.sha256(Files.readAllBytes(template)),
                    artifact.getHierarchicalId(), artifact.getTemplateFullPath(), null, null));
        }
        worker.submit(jobs);

        int withFindings = 0;
        for (int i = 0; i < jobs.size(); i++) {
            CachedChecks.StackRef ref = refs.get(i);
            JsonNode answer = worker.awaitAnswer(jobs.get(i), 300).orElse(null);
            assertNotNull(answer, "the worker answered " + ref.constructPath() + ": " + worker.brokenBecause());
            List<PolicyViolation> inProcess = ValidationReports.validate(inner,
                    new CachedChecks.OneStack(app, ref, null, null), ref.stack()).getViolations();
            assertEquals(GateCache.toJson(inProcess, ref.templatePath()),
                    GateCache.toJson(GateCache.fromJson(answer, ref.templatePath()), ref.templatePath()),
                    ref.constructPath());
            withFindings += inProcess.isEmpty() ? 0 : 1;
        }
        assertEquals(5, withFindings, "the five failing stacks have findings, the passing one none");
        assertEquals(jobs.size(), worker.validated());
        assertFalse(worker.isBroken());
    }

    @Test
    void theGatesVerdictAndCdksReportDoNotDependOnWhichProcessValidated() throws IOException {
        String withWorker = gateOutcome(app(true));
        String withoutWorker = gateOutcome(app(false));

        assertEquals(withoutWorker, withWorker);
        assertTrue(withWorker.contains("F3002"), withWorker);
        assertTrue(withWorker.contains("Failing5"), withWorker);
    }

    /** @return CDK's validation report (output paths removed) and the gate's verdict lines. */
    private static String gateOutcome(final App app) throws IOException {
        ComplianceGate gate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE).blueprintChecks(false)
                .report(false).verdictStream(null).cache(false).build(app);
        Path outdir = Path.of(app.getOutdir());
        assertThrows(RuntimeException.class, () -> gate.synth(app));
        StringBuilder out = new StringBuilder(JSON.readTree(Files.readString(outdir.resolve("validation-report.json"))
                .replace(outdir.toString(), "OUT")).toPrettyString());
        gate.verdicts().forEach((pack, v) -> out.append('\n').append(v.render()));
        return out.toString();
    }

    @Test
    void aWorkerThatCannotLoadTheValidatorIsGivenUpAndAnswersNothing() throws Exception {
        CloudFormationWorker worker = new CloudFormationWorker(
                CloudFormationWorker.command(Path.of("/nonexistent/aws-cdk-lib")), "2.263.0");
        CloudFormationWorker.Job job = new CloudFormationWorker.Job("0", "Stack", "/nonexistent/Stack.template.json",
                null, null);
        worker.submit(List.of(job));

        assertTrue(worker.awaitAnswer(job, 60).isEmpty());
        assertTrue(worker.isBroken());
        assertTrue(worker.brokenBecause().contains("did not start") && worker.brokenBecause().contains("Cannot find module"),
                worker.brokenBecause());
        assertFalse(worker.pending(job), "the caller validates it");
        assertFalse(worker.isReady());
        assertEquals(0, worker.validated());
    }
}
