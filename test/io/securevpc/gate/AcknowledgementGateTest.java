package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdklabs.cdknag.NagPack;
import io.securevpc.AppContext;
import io.securevpc.compliance.Acknowledgements;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.CfnWaitConditionHandle;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.FlowLog;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogFileFormat;
import software.amazon.awscdk.services.ec2.FlowLogResourceType;
import software.amazon.awscdk.services.ec2.S3DestinationOptions;
import software.amazon.awscdk.services.iam.CfnManagedPolicy;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.IConstruct;

/**
 * The gate judges every acknowledgement of an app: on one resource, by granular id, with a real reason, or synth
 * fails naming the construct, the rule and why. Acknowledgements CDK applies across the whole app are limited to the
 * resources they are recorded on.
 */
class AcknowledgementGateTest {
    private static final String REASON = "The test's own reason, long enough to be accepted by the gate here";

    /** A pack with no rule: the gate's judgement of acknowledgements alone. */
    private static final class NoRules extends NagPack {
        NoRules(final IConstruct scope) {
            super(scope);
            setPackName("NoRules");
        }

        @Override
        public @NotNull String getName() {
            return "NoRules";
        }

        @Override
        public void checkResource(final @NotNull CfnResource resource) {
            // no rule
        }
    }

    private static ComplianceGate gate(final App app, final boolean cloudFormation) {
        return ComplianceGate.builder().blueprintChecks(false).stockPacks(List.of()).addPack(NoRules::new)
                .cloudFormationValidation(cloudFormation).verdictStream(null).build(app);
    }

    /** @return every finding of CDK's validation report of the app, one line each: plugin, rule, description. */
    private static String report(final App app) {
        try {
            StringBuilder out = new StringBuilder();
            for (var plugin : new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.nio.file.Path.of(
                    app.getOutdir(), "validation-report.json").toFile()).path("pluginReports")) {
                for (var v : plugin.path("violations")) {
                    out.append(plugin.path("pluginName").asText()).append(" | ").append(v.path("ruleName").asText())
                            .append(" | ").append(v.path("severity").asText()).append(" | ")
                            .append(v.path("description").asText()).append('\n');
                }
            }
            return out.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void failsSynthOfAConsumerAppWithAStackLevelAcknowledgement() {
        // GIVEN a consumer app that acknowledges a rule on its whole stack
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        new CfnWaitConditionHandle(stack, "Handle");
        Validations.of(stack).acknowledge(Acknowledgment.builder().id("AwsSolutions-EC23").reason(REASON).build());
        ComplianceGate gate = gate(app, false);

        // WHEN it is synthesized through the gate THEN synth fails, naming the stack, the rule and why
        assertThrows(RuntimeException.class, () -> gate.synth(app));
        assertTrue(report(app).contains("SecureVpc ComplianceGate | SecureVpc-AcknowledgementRefused | fatal | "
                + "Acknowledgement of AwsSolutions-EC23 on Consumer (Stack) refused: it is not "
                + "on one resource, so it would hide the rule on every resource below it; put it on the resource: a "
                + "CfnResource, or a construct whose default child (Resource or Default) or only child is one."), report(app));
        AcknowledgementReport ack = gate.acknowledgements().get(0);
        assertEquals(List.of("AwsSolutions-EC23", "Consumer", "app", "NOT_A_RESOURCE", true), List.of(
                ack.entry().rule(), ack.entry().path(), ack.entry().source(), ack.entry().scope().name(), ack.refused()));
    }

    @Test
    void failsSynthOfAnAppLevelAcknowledgement() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        new CfnWaitConditionHandle(stack, "Handle");
        Validations.of(app).acknowledge(Acknowledgment.builder().id("AwsSolutions-S1").reason(REASON).build());
        ComplianceGate gate = gate(app, false);

        assertThrows(RuntimeException.class, () -> gate.synth(app));
        assertTrue(report(app).contains("Acknowledgement of AwsSolutions-S1 on (the app) (App) refused: it is not "
                + "on one resource"), report(app));
    }

    @Test
    void failsSynthOfABareIdOfARuleWithGranularFindings() {
        // GIVEN a policy whose granular IAM5 finding is acknowledged, and the bare id beside it
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        CfnManagedPolicy policy = CfnManagedPolicy.Builder.create(stack, "Policy").policyDocument(Map.of(
                "Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow", "Action", "s3:GetObject",
                        "Resource", "arn:aws:s3:::bucket/*"))))
                .build();
        Acknowledgements.acknowledge(policy, REASON, "AwsSolutions-IAM5[Resource::arn:aws:s3:::bucket/*]");
        Validations.of(policy).acknowledge(Acknowledgment.builder().id("AwsSolutions-IAM5").reason(REASON).build());
        ComplianceGate gate = gate(app, false);

        // WHEN it is synthesized THEN the bare id is refused
        assertThrows(RuntimeException.class, () -> gate.synth(app));
        assertTrue(report(app).contains("Acknowledgement of AwsSolutions-IAM5 on Consumer/Policy (CfnManagedPolicy) "
                + "refused: AwsSolutions-IAM5 reports granular findings and cdk-nag matches ids exactly, so the bare id "
                + "acknowledges none of them; acknowledge each finding by its id, e.g. AwsSolutions-IAM5[<finding>]."),
                report(app));
    }

    @Test
    void failsSynthOfAShortReason() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        CfnWaitConditionHandle handle = new CfnWaitConditionHandle(stack, "Handle");
        Validations.of(handle).acknowledge(Acknowledgment.builder().id("AwsSolutions-EC23").reason("Known case").build());
        ComplianceGate gate = gate(app, false);

        assertThrows(RuntimeException.class, () -> gate.synth(app));
        assertTrue(report(app).contains("Acknowledgement of AwsSolutions-EC23 on Consumer/Handle "
                + "(CfnWaitConditionHandle) refused: its reason 'Known case' has 10 characters; at least 40 are needed "
                + "to say why the finding cannot be fixed on this resource."), report(app));
    }

    @Test
    void allowBroadAcknowledgementsReportsTheRefusalAsAWarningAndSaysSoAtSynth() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        new CfnWaitConditionHandle(stack, "Handle");
        Validations.of(stack).acknowledge(Acknowledgment.builder().id("AwsSolutions-EC23").reason(REASON).build());
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        ComplianceGate gate = ComplianceGate.builder().blueprintChecks(false).stockPacks(List.of())
                .addPack(NoRules::new).cloudFormationValidation(false).allowBroadAcknowledgements()
                .verdictStream(new java.io.PrintStream(printed, true)).build(app);

        gate.synth(app);

        assertTrue(printed.toString().contains(ComplianceGate.PREFIX + "acknowledgements: 1 (app 1), 1 that would be "
                + "refused\n" + ComplianceGate.PREFIX + ComplianceGate.ALLOW_BROAD_WARNING + "\n"), printed.toString());
        assertTrue(gate.acknowledgements().get(0).refused());
    }

    @Test
    void acceptsAnAcknowledgementOnTheL2OfOneResourceAndReportsItsSource() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        Bucket bucket = Bucket.Builder.create(stack, "Bucket").build();
        Acknowledgements.acknowledgeWarning(bucket, REASON, "@aws-cdk/test:warning");
        Validations.of(bucket).acknowledge(Acknowledgment.builder().id("AwsSolutions-S1").reason(REASON).build());
        ComplianceGate gate = gate(app, false);

        gate.synth(app);

        List<AcknowledgementReport> acks = gate.acknowledgements();
        assertEquals(List.of("Annotation::@aws-cdk/test:warning Consumer/Bucket L2_OF_RESOURCE app "
                        + AcknowledgementGateTest.class.getName() + " false",
                "AwsSolutions-S1 Consumer/Bucket L2_OF_RESOURCE app  false"),
                acks.stream().map(a -> a.entry().rule() + " " + a.entry().path() + " " + a.entry().scope() + " "
                        + a.entry().source() + " " + a.entry().by() + " " + a.refused()).toList());
    }

    /** A flow log to S3 with options: CDK renders its DestinationOptions in camelCase and acknowledges F3002/F3003. */
    private static void flowLog(final Stack stack) {
        FlowLog.Builder.create(stack, "FlowLog")
                .resourceType(FlowLogResourceType.fromNetworkInterfaceId("eni-12345678"))
                .destination(FlowLogDestination.toS3(Bucket.fromBucketName(stack, "Logs", "flow-log-bucket"), null,
                        S3DestinationOptions.builder().fileFormat(FlowLogFileFormat.PLAIN_TEXT)
                                .hiveCompatiblePartitions(true).perHourPartition(true).build()))
                .build();
    }

    @Test
    void cdksOwnFlowLogAcknowledgementCoversTheFlowLogAndIsReported() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        flowLog(stack);
        ComplianceGate gate = gate(app, true);

        gate.synth(app);

        List<AcknowledgementReport> acks = gate.acknowledgements();
        assertEquals(List.of("CloudFormation-Validate::F3002 Consumer/FlowLog aws-cdk-lib",
                "CloudFormation-Validate::F3003 Consumer/FlowLog aws-cdk-lib"), acks.stream()
                .map(a -> a.entry().rule() + " " + a.entry().path() + " " + a.entry().source()).toList());
        assertEquals(List.of("Consumer/FlowLog/FlowLog"), acks.get(0).covers());
        // the FlowLog's default child is its child FlowLog, its only child
        assertEquals(AcknowledgementInventory.Scope.L2_OF_RESOURCE, acks.get(0).entry().scope());
    }

    @Test
    void failsSynthOfAnErrorOnAnotherResourceThatCdksFlowLogAcknowledgementWouldHide() {
        // GIVEN a flow log (CDK acknowledges CloudFormation-Validate::F3002 on it) and another resource with a
        // property its schema does not have (F3002)
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        flowLog(stack);
        CfnWaitConditionHandle handle = new CfnWaitConditionHandle(stack, "Handle");
        handle.addPropertyOverride("Misspelled", "value");
        ComplianceGate gate = gate(app, true);

        // WHEN it is synthesized THEN the F3002 on the other resource fails synth
        assertThrows(RuntimeException.class, () -> gate.synth(app));
        assertTrue(report(app).contains("F3002 on Consumer/Handle is not acknowledged there: "
                + "CloudFormation-Validate::F3002 is acknowledged on Consumer/FlowLog only, and CDK would apply it "
                + "across the whole app. Fix the resource, or acknowledge CloudFormation-Validate::F3002 on it with the reason it is "
                + "safe."), report(app));
    }

    /**
     * Why the gate runs CDK's CloudFormation validation itself: CDK's own plugin (registered directly, or the one
     * aws-cdk-lib runs when none is registered) lets the FlowLog's F3002 acknowledgement hide the same rule's error
     * on any other resource of the app.
     */
    @Test
    void cdksOwnValidationLetsTheFlowLogsAcknowledgementHideAnErrorOnAnotherResource() throws java.io.IOException {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        flowLog(stack);
        CfnWaitConditionHandle handle = new CfnWaitConditionHandle(stack, "Handle");
        handle.addPropertyOverride("Misspelled", "value");
        ComplianceGate gate = gate(app, false);
        Validations.of(app).addPlugins(new software.amazon.awscdk.CloudFormationValidatePlugin());

        gate.synth(app);

        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.nio.file.Path.of(app.getOutdir(),
                "validation-report.json").toFile());
        List<String> acknowledged = new java.util.ArrayList<>();
        report.path("pluginReports").forEach(p -> p.path("suppressedViolations").forEach(v -> v
                .path("violatingConstructs").forEach(c -> acknowledged.add(p.path("pluginName").asText() + " "
                        + v.path("ruleName").asText() + " " + c.path("constructPath").asText() + " acknowledged at "
                        + v.path("acknowledgedAt").asText()))));
        // synth passed: the error on the other resource was suppressed by the acknowledgement on the flow log
        assertTrue(acknowledged.contains("CloudFormation Validate F3002 Consumer/Handle acknowledged at Consumer/FlowLog"),
                report.toString());
    }

    private static software.amazon.awscdk.services.ec2.CfnSecurityGroup worldSsh(final Stack stack, final String id) {
        return software.amazon.awscdk.services.ec2.CfnSecurityGroup.Builder.create(stack, id)
                .groupDescription("bastion host").vpcId("vpc-12345678")
                .securityGroupIngress(List.of(software.amazon.awscdk.services.ec2.CfnSecurityGroup.IngressProperty
                        .builder().ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("0.0.0.0/0").build()))
                .build();
    }

    @Test
    void failsSynthOfAFindingOnAnotherResourceThatARawGateAcknowledgementWouldHideAppWide() {
        // GIVEN two groups open to SSH from anywhere, and the id CDK's report prints for the gate's finding
        // recorded on one of them without Acknowledgements (CDK matches it by id across the whole app)
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        Validations.of(worldSsh(stack, "Bastion")).acknowledge(Acknowledgment.builder()
                .id("SecureVpc-ComplianceGate::AwsSolutions-EC23").reason(REASON).build());
        worldSsh(stack, "Other");
        ComplianceGate gate = ComplianceGate.builder().blueprintChecks(false).profile(ComplianceGate.Profile.BASELINE)
                .cloudFormationValidation(false).verdictStream(null).build(app);

        // WHEN it is synthesized THEN the finding on the other group fails synth; the acknowledged group's does not
        assertThrows(RuntimeException.class, () -> gate.synth(app));
        String report = report(app);
        assertTrue(report.contains("SecureVpc ComplianceGate | SecureVpc-AcknowledgementOutOfScope | fatal | "
                + "AwsSolutions-EC23 on Consumer/Other is not acknowledged there: SecureVpc-ComplianceGate::"
                + "AwsSolutions-EC23 is acknowledged on Consumer/Bastion only, and CDK would apply it across the whole "
                + "app."), report);
        assertTrue(!report.contains("on Consumer/Bastion is not acknowledged"), report);
        assertEquals(List.of("Consumer/Bastion"), gate.acknowledgements().get(0).covers());
    }

    @Test
    void reportListsTheLibrarysDefaultAcknowledgementsAsLibraryAndTheAppsAsApp() throws java.io.IOException {
        // GIVEN a SecureVpc (it acknowledges AwsSolutions-VPC3 on each tier NACL) and one acknowledgement of the app
        App app = AppContext.app();
        Stack stack = new Stack(app, "Consumer");
        io.securevpc.network.SecureVpc vpc = new io.securevpc.network.SecureVpc(stack, "Network", null);
        Acknowledgements.acknowledge((CfnResource) vpc.getVpc().getNode().getDefaultChild(), REASON,
                "AwsSolutions-VPC7");
        ComplianceGate gate = gate(app, false);

        // WHEN it is synthesized through the gate
        gate.synth(app);

        // THEN compliance-report.json lists both, with who made them
        var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.nio.file.Path.of(app.getOutdir(),
                ComplianceReport.JSON_FILE).toFile()).path("acknowledgements");
        List<String> found = new java.util.ArrayList<>();
        rows.forEach(r -> {
            String path = r.path("path").asText();
            if (r.path("rule").asText().equals("AwsSolutions-VPC7")
                    || found.stream().noneMatch(f -> f.startsWith("AwsSolutions-VPC3")) && path.matches("Consumer/Network/[A-Za-z]+Acl/Resource")) {
                found.add(r.path("rule").asText() + " " + path.replaceAll("/[A-Za-z]+Acl/", "/<tier>Acl/") + " "
                        + r.path("source").asText()
                        + " " + r.path("by").asText() + " " + r.path("scope").asText() + " " + r.path("verdict").asText());
            }
        });
        found.sort(null);
        assertEquals(List.of("AwsSolutions-VPC3 Consumer/Network/<tier>Acl/Resource library "
                        + "io.securevpc.network.TierNacls RESOURCE ACCEPTED",
                "AwsSolutions-VPC7 Consumer/Network/Vpc/Resource app " + AcknowledgementGateTest.class.getName()
                        + " RESOURCE ACCEPTED"), found);
        assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of(app.getOutdir(), ComplianceReport.TEXT_FILE))
                .contains("  AwsSolutions-VPC7  Consumer/Network/Vpc/Resource  [app: "
                        + AcknowledgementGateTest.class.getName() + "]  " + REASON + "\n"));
    }
}
