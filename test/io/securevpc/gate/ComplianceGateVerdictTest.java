package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import io.securevpc.nag.rules.audit.AuditBaselinePresent;
import io.securevpc.network.SecureVpc;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.NagPack;
import java.nio.file.Paths;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.CfnNetworkAcl;
import software.amazon.awscdk.services.ec2.CfnNetworkAclEntry;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.IConstruct;

/** The gate's verdicts: errors fail synth, warnings do not, and no stack is checked twice. */
class ComplianceGateVerdictTest {
    private static int violatingResources(final GatedPack.Verdict verdict, final String rule) {
        return verdict.violations().stream().filter(v -> v.getRuleName().equals(rule))
                .mapToInt(v -> v.getViolatingResources().size()).sum();
    }

    @Test
    void failsSynthOfAPlainVpcWithoutFlowLogs() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Plain");
        new Vpc(stack, "Vpc");
        ComplianceGate gate = ComplianceGate.builder().verdictStream(null).build(app);

        RuntimeException e = assertThrows(RuntimeException.class, app::synth);

        assertTrue(e.getMessage().contains("Validation failed"), e.getMessage());
        GatedPack.Verdict aws = gate.verdicts().get("AwsSolutions");
        assertEquals(1, violatingResources(aws, "AwsSolutions-VPC7"), "VPC without flow log (BP-MON-1)");
        GatedPack.Verdict nist = gate.verdicts().get("NIST.800.53.R5");
        assertEquals(2, violatingResources(nist, "NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled"));
        assertTrue(nist.errors() > 0);
    }

    @Test
    void passesADefaultSecureVpcWithItsNaclsAcknowledgedForAwsSolutionsVpc3() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Secure");
        new SecureVpc(stack, "Network", null);
        // an app with a VPC must also have the audit baseline (BP-AUD-1/2, BP-MON-2), or say where it is
        AuditBaselinePresent.declareExisting(stack, "Provided by the organization's landing zone in this test",
                List.of(AuditBaselinePresent.CLOUDTRAIL, AuditBaselinePresent.CONFIG, AuditBaselinePresent.GUARDDUTY));
        ComplianceGate gate = ComplianceGate.builder().verdictStream(null).build(app);

        app.synth();

        gate.verdicts().forEach((pack, verdict) -> assertEquals(0, verdict.errors(), pack));
        GatedPack.Verdict aws = gate.verdicts().get("AwsSolutions");
        assertTrue(aws.passed());
        // AwsSolutions-VPC3 only notes that a NACL exists: SecureVpc acknowledges it on each tier NACL and entry
        assertEquals(0, aws.warnings(), () -> aws.violations().stream().map(v -> v.getRuleName()).toList().toString());
    }

    @Test
    void checksEachStackOnceWhenStacksAreInDifferentEnvironments() {
        App app = AppContext.app();
        for (String region : List.of("eu-west-1", "us-east-1")) {
            Stack stack = new Stack(app, "Data-" + region, StackProps.builder()
                    .env(Environment.builder().account("111111111111").region(region).build()).build());
            new Bucket(stack, "Bucket");
        }
        ComplianceGate gate = ComplianceGate.builder().stockPacks(List.of(ComplianceGate.StockPack.AWS_SOLUTIONS))
                .cloudFormationValidation(false).verdictStream(null).build(app);

        assertThrows(RuntimeException.class, app::synth);

        GatedPack.Verdict aws = gate.verdicts().get("AwsSolutions");
        assertEquals(2, aws.stacks());
        assertEquals(2, violatingResources(aws, "AwsSolutions-S1"), "one bucket per stack, each reported once");
    }

    /**
     * Regression: the gate reads every pack's report inside one callback from JavaScript, and reading 900
     * findings field by field overflowed node's stack and crashed synth (the app at 25 environments).
     */
    @Test
    void survivesThousandsOfFindingsInOneSynth() {
        App app = AppContext.app();
        int stacks = 4;
        int entriesPerStack = 400;
        for (int s = 0; s < stacks; s++) {
            Stack stack = new Stack(app, "Acls" + s);
            CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, "Acl").vpcId("vpc-0123456789abcdef0").build();
            for (int i = 0; i < entriesPerStack; i++) {
                CfnNetworkAclEntry.Builder.create(stack, "Entry" + i).networkAclId(acl.getRef())
                        .ruleNumber(1000 + i).protocol(6).ruleAction("allow").egress(false)
                        .cidrBlock("10.0.0.0/16").portRange(CfnNetworkAclEntry.PortRangeProperty.builder()
                                .from(443).to(443).build()).build();
            }
        }
        ComplianceGate gate = ComplianceGate.builder().stockPacks(List.of(ComplianceGate.StockPack.AWS_SOLUTIONS))
                .cloudFormationValidation(false).verdictStream(null).build(app);

        app.synth();

        GatedPack.Verdict aws = gate.verdicts().get("AwsSolutions");
        assertTrue(aws.passed());
        assertEquals(stacks * (1 + entriesPerStack), violatingResources(aws, "AwsSolutions-VPC3"));
    }

    /** A pack that cannot run (in every region, or only in the one given). */
    private static final class BrokenPack extends NagPack {
        private final String region;

        BrokenPack(final IConstruct scope) {
            this(scope, null);
        }

        BrokenPack(final IConstruct scope, final String region) {
            super(scope);
            this.region = region;
        }

        @Override
        public @NotNull String getName() {
            return "Broken";
        }

        @Override
        public @NotNull PolicyValidationPluginReport validateScope(final @NotNull IConstruct scope) {
            if (region == null || region.equals(Stack.of(scope).getRegion())) {
                throw new IllegalStateException("simulated pack failure");
            }
            return PolicyValidationPluginReport.builder().success(true).violations(List.of()).build();
        }

        @Override
        public void checkResource(final @NotNull CfnResource resource) {
            // validateScope throws before any resource is checked
        }
    }

    /**
     * Fails closed: when a pack throws, CDK records only "plugin failed", and `cdk synth` (which sets
     * failSynthOnValidationErrors=false and decides from the violations in the report) passed the app unchecked.
     */
    @Test
    void failsClosedWhenAPackCannotRun() throws Exception {
        App app = AppContext.app();
        app.getNode().setContext("@aws-cdk/core:failSynthOnValidationErrors", false);   // as `cdk synth` sets it
        Stack stack = new Stack(app, "Any");
        new Bucket(stack, "Bucket");
        ComplianceGate gate = ComplianceGate.builder().stockPacks(List.of()).blueprintChecks(false)
                .cloudFormationValidation(false).verdictStream(null).addPack(BrokenPack::new).build(app);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gate.synth(app));

        assertTrue(e.getMessage().startsWith("The compliance gate could not run, so no stack was checked: "
                + "java.lang.IllegalStateException: simulated pack failure"), e.getMessage());
        JsonNode report = new ObjectMapper().readTree(Paths.get(app.getOutdir(), "validation-report.json").toFile());
        JsonNode violation = report.at("/pluginReports/0/violations/0");
        assertEquals(GatePlugin.FAILED_RULE, violation.path("ruleName").asText(), report.toString());
        assertEquals("fatal", violation.path("severity").asText(), "no acknowledgement can suppress it");
        assertEquals("Any/Bucket/Resource", violation.at("/violatingConstructs/0/constructPath").asText(),
                report.toString());
    }

    /** CDK calls the plugin once per account and region: a later environment that passes must not hide a failure. */
    @Test
    void failsClosedWhenAPackCannotRunInOneOfTwoRegions() {
        App app = AppContext.app();
        app.getNode().setContext("@aws-cdk/core:failSynthOnValidationErrors", false);   // as `cdk synth` sets it
        for (String region : List.of("eu-west-1", "us-east-1")) {
            Stack stack = new Stack(app, "Data-" + region, StackProps.builder()
                    .env(Environment.builder().account("111111111111").region(region).build()).build());
            new Bucket(stack, "Bucket");
        }
        ComplianceGate gate = ComplianceGate.builder().stockPacks(List.of()).blueprintChecks(false)
                .cloudFormationValidation(false).verdictStream(null)
                .addPack(scope -> new BrokenPack(scope, "eu-west-1")).build(app);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gate.synth(app));

        assertTrue(e.getMessage().contains("simulated pack failure"), e.getMessage());
    }
}
