package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnWaitConditionHandle;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

/**
 * Nothing half-written: a synth of the app that fails after CDK has written its templates (the compliance gate
 * found an error, a stack is over a CloudFormation limit) leaves no template and no cloud assembly manifest in the
 * output directory, only the reports and {@link FailedSynth#MARKER}, and exits non-zero. (A failure while the app
 * is built, invalid configuration or props, writes nothing at all: {@link BlueprintAppMainTest}.)
 */
class FailedSynthTest {
    private record Run(int status, String err, Path outdir) {
    }

    /** Runs the app's {@code run} with one dev environment and whatever {@code extra} adds to the app. */
    private static Run run(final Map<String, Object> extraContext, final Consumer<App> extra) throws IOException {
        Path outdir = Files.createTempDirectory("securevpc-failed");
        Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
        context.putAll(extraContext);
        context.put(BlueprintConfig.CONTEXT_KEY, Map.of("environments", List.of(Map.of("name", "small",
                "stackName", "Small", "profile", "dev", "shape", "private-only", "cidr", "10.0.0.0/16",
                "account", "111111111111", "region", "eu-west-1",
                "availabilityZones", List.of("eu-west-1a", "eu-west-1b"),
                "gatewayPrefixLists", Map.of("s3", "pl-6da54004", "dynamodb", "pl-6fa54006")))));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BlueprintApp.run(() -> App.Builder.create().outdir(outdir.toString()).context(context).build(),
                extra, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, err.toString(StandardCharsets.UTF_8), outdir);
    }

    private static List<String> deployable(final Path outdir) throws IOException {
        try (var files = Files.walk(outdir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".template.json") || n.equals("manifest.json")).toList();
        }
    }

    @Test
    void aGateErrorLeavesNoTemplateOnlyTheReportsAndTheMarker() throws IOException {
        // GIVEN the app plus a stack whose security group lets SSH in from anywhere (an error of every pack)
        Run run = run(Map.of(), app -> CfnSecurityGroup.Builder.create(new Stack(app, "Broken"), "Open")
                .groupDescription("open").securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder()
                        .ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("0.0.0.0/0").build())).build());

        assertEquals(BlueprintApp.GATE_FAILED, run.status());
        assertEquals(List.of(), deployable(run.outdir()));
        assertTrue(Files.exists(run.outdir().resolve("compliance-report.json")));
        assertTrue(Files.readString(run.outdir().resolve(FailedSynth.MARKER)).contains("Validation failed"));
        assertTrue(run.err().contains("Synth failed: the compliance gate found errors"), run.err());
    }

    /**
     * Under a CDK CLI that announces its app mode, CDK does not throw on a failed validation (it sets the exit code of
     * its JavaScript process only); the app still fails and removes the templates.
     */
    @Test
    void aGateErrorFailsTheAppAlsoWhenCdkDoesNotThrow() throws IOException {
        Run run = run(Map.of("@aws-cdk/core:appMode", "process"), app -> CfnSecurityGroup.Builder.create(
                new Stack(app, "Broken"), "Open").groupDescription("open").securityGroupIngress(List.of(
                        CfnSecurityGroup.IngressProperty.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                                .cidrIp("0.0.0.0/0").build())).build());

        assertEquals(BlueprintApp.GATE_FAILED, run.status());
        assertEquals(List.of(), deployable(run.outdir()));
        assertTrue(Files.exists(run.outdir().resolve(FailedSynth.MARKER)));
    }

    @Test
    void aStackOverCloudFormationsResourceLimitLeavesNoTemplate() throws IOException {
        // GIVEN the app plus a stack of 501 resources (CDK's own check raised, as an app may do)
        Run run = run(Map.of("@aws-cdk/core:stackResourceLimit", "1000"), app -> {
            Stack crowded = new Stack(app, "Crowded");
            for (int i = 0; i < 501; i++) {
                new CfnWaitConditionHandle(crowded, "Handle" + i);
            }
        });

        assertEquals(BlueprintApp.INVALID_INPUT, run.status());
        assertTrue(run.err().contains("[SVPC-021] stack Crowded resources = 501: at most 500"), run.err());
        assertEquals(List.of(), deployable(run.outdir()));
        assertTrue(Files.readString(run.outdir().resolve(FailedSynth.MARKER)).contains("stack Crowded resources"));
    }
}
