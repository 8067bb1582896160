package io.securevpc.nag.rules.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.nag.PackFindings;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudtrail.CfnTrail;
import software.amazon.awscdk.services.cloudtrail.Trail;
import software.amazon.awscdk.services.config.CfnConfigurationRecorder;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.guardduty.CfnDetector;

/** AuditBaselinePresent (BP-AUD-1/2, BP-MON-2): an app that creates a VPC has, or declares, the audit baseline. */
class AuditBaselinePresentTest {
    private static final String VPC = "Test/Vpc";

    private static List<String> findingsOnVpc(final Consumer<Stack> body) {
        Stack stack = TestStacks.regionalStack();
        CfnVPC.Builder.create(stack, "Vpc").cidrBlock("10.0.0.0/16").build();
        body.accept(stack);
        return PackFindings.checkOnly(stack, AuditBaselinePresent.class).at(VPC, "AuditBaselinePresent");
    }

    private static void recorderAndDetector(final Stack stack) {
        CfnConfigurationRecorder.Builder.create(stack, "Recorder").roleArn("arn:aws:iam::111111111111:role/config").build();
        CfnDetector.Builder.create(stack, "Detector").enable(true).build();
    }

    @Test
    void failsAnAppWithAVpcAndNoBaseline() {
        assertEquals(List.of("BlueprintChecks-AuditBaselinePresent[CloudTrail]", "BlueprintChecks-AuditBaselinePresent[Config]",
                "BlueprintChecks-AuditBaselinePresent[GuardDuty]"), findingsOnVpc(s -> { }));
    }

    @Test
    void failsAnL1TrailWithoutLogFileValidation() {
        assertEquals(List.of("BlueprintChecks-AuditBaselinePresent[CloudTrail]"), findingsOnVpc(s -> {
            CfnTrail.Builder.create(s, "Trail").isLogging(true).isMultiRegionTrail(true).s3BucketName("logs").build();
            recorderAndDetector(s);
        }));
    }

    @Test
    void failsAnL2TrailOfOneRegion() {
        assertEquals(List.of("BlueprintChecks-AuditBaselinePresent[CloudTrail]"), findingsOnVpc(s -> {
            Trail.Builder.create(s, "Trail").isMultiRegionTrail(false).build();
            recorderAndDetector(s);
        }));
    }

    @Test
    void passesAnAppWithTrailRecorderAndDetector() {
        assertEquals(List.of(), findingsOnVpc(s -> {
            Trail.Builder.create(s, "Trail").build();
            recorderAndDetector(s);
        }));
    }

    @Test
    void passesAnAppThatDeclaresTheAccountBaseline() {
        assertEquals(List.of(), findingsOnVpc(s -> AuditBaselinePresent.declareExisting(s,
                "Organization trail, Config and GuardDuty are managed by the security account",
                List.of(AuditBaselinePresent.CLOUDTRAIL, AuditBaselinePresent.CONFIG, AuditBaselinePresent.GUARDDUTY))));
    }

    @Test
    void failsADetectorEnabledOnlyByACondition() {
        assertEquals(List.of("BlueprintChecks-AuditBaselinePresent[GuardDuty]"), findingsOnVpc(s -> {
            Trail.Builder.create(s, "Trail").build();
            CfnConfigurationRecorder.Builder.create(s, "Recorder").roleArn("arn:aws:iam::111111111111:role/config").build();
            CfnParameter on = CfnParameter.Builder.create(s, "On").type("String").build();
            CfnCondition c = CfnCondition.Builder.create(s, "IsOn").expression(Fn.conditionEquals(on.getValueAsString(), "y"))
                    .build();
            CfnDetector.Builder.create(s, "Detector").enable(Fn.conditionIf(c.getLogicalId(), true, false)).build();
        }));
    }

    @Test
    void failsOncePerStackOnItsFirstVpc() {
        Stack stack = TestStacks.regionalStack();
        CfnVPC.Builder.create(stack, "Vpc").cidrBlock("10.0.0.0/16").build();
        CfnVPC.Builder.create(stack, "Other").cidrBlock("10.1.0.0/16").build();

        PackFindings findings = PackFindings.checkOnly(stack, AuditBaselinePresent.class);

        assertEquals(java.util.Map.of(VPC, List.of("BlueprintChecks-AuditBaselinePresent[CloudTrail]",
                "BlueprintChecks-AuditBaselinePresent[Config]", "BlueprintChecks-AuditBaselinePresent[GuardDuty]")),
                findings.all());
    }

    @Test
    void failsWithAMessageThatNamesTheConstructsAndTheDeclaration() {
        Stack stack = TestStacks.regionalStack();
        CfnVPC.Builder.create(stack, "Vpc").cidrBlock("10.0.0.0/16").build();
        Trail.Builder.create(stack, "Trail").build();
        CfnConfigurationRecorder.Builder.create(stack, "Recorder").roleArn("arn:aws:iam::111111111111:role/config")
                .build();

        String description = PackFindings.checkOnly(stack, AuditBaselinePresent.class)
                .description("BlueprintChecks-AuditBaselinePresent[GuardDuty]");

        assertEquals("The app creates a VPC but has no multi-region trail with log file validation, Config recorder "
                + "or GuardDuty detector, and does not declare that the account has them. No enabled GuardDuty "
                + "detector in the app. Fix: Add the audit baseline to a stack of the app: "
                + "io.securevpc.audit.AuditTrail (CloudTrail), io.securevpc.audit.ConfigBaseline (Config) and "
                + "io.securevpc.detection.ThreatDetection (GuardDuty), or declare that the account has them with "
                + "io.securevpc.compliance.AuditBaselineDeclaration.declare(stack, reason, parts).", description);
    }
}
