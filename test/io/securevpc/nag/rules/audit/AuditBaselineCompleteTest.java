package io.securevpc.nag.rules.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import io.securevpc.audit.AuditTrail;
import io.securevpc.audit.AuditTrailProps;
import io.securevpc.audit.ConfigBaseline;
import io.securevpc.audit.ConfigBaselineProps;
import io.securevpc.audit.LogArchive;
import io.securevpc.audit.SecurityAlarms;
import io.securevpc.audit.SecurityAlarmsProps;
import io.securevpc.audit.SecurityEvent;
import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.detection.ThreatDetection;
import io.securevpc.nag.PackFindings;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudtrail.CfnTrail;
import software.amazon.awscdk.services.config.CfnConfigurationRecorder;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.guardduty.CfnDetector;

/**
 * AuditBaselineComplete (BP-AUD-1..3, BP-MON-2/3): the account and region of every VPC hold the whole audit
 * baseline: trail, recorder (all types, global ones somewhere in the account), the VPC Config rules, a detector, the
 * alarm set on the trail's log group and its topic.
 */
class AuditBaselineCompleteTest {
    private static final String RULE = "AuditBaselineComplete";
    private static final String ID = "BlueprintChecks-" + RULE;

    /** An app with cdk.json's feature flags, which the audit constructs require. */
    private static App app() {
        return App.Builder.create().context(AppContext.cdkJsonContext()).build();
    }

    private static Stack stack(final App app, final String id, final String account, final String region) {
        return new Stack(app, id, StackProps.builder()
                .env(Environment.builder().account(account).region(region).build()).build());
    }

    /** The blueprint's own baseline (L2 constructs) in a stack of its own. */
    private static void baseline(final Stack audit, final boolean home) {
        LogArchive archive = new LogArchive(audit, "LogArchive", null);
        if (home) {
            AuditTrail trail = new AuditTrail(audit, "Trail", AuditTrailProps.builder(archive).build());
            new SecurityAlarms(audit, "Alarms", SecurityAlarmsProps.builder(trail.getLogGroup()).build());
        }
        new ConfigBaseline(audit, "Config", ConfigBaselineProps.builder(archive).recordGlobalResources(home).build());
        new ThreatDetection(audit, "GuardDuty", null);
    }

    /** Findings on the VPC of a network stack in 111111111111/eu-west-1, the audit stack built by {@code audit}. */
    private static List<String> findings(final Consumer<Stack> audit) {
        App app = app();
        Stack network = stack(app, "Network", "111111111111", "eu-west-1");
        CfnVPC.Builder.create(network, "Vpc").cidrBlock("10.0.0.0/16").build();
        audit.accept(stack(app, "Audit", "111111111111", "eu-west-1"));
        return PackFindings.checkOnly(network, AuditBaselineComplete.class).at("Network/Vpc", RULE);
    }

    @Test
    void passesTheBlueprintsBaselineInAnotherStackOfTheSameAccountAndRegion() {
        assertEquals(List.of(), findings(audit -> baseline(audit, true)));
    }

    @Test
    void failsAnAccountAndRegionWithNothingNamingEveryMissingPart() {
        assertEquals(List.of(ID + "[CloudTrail]", ID + "[ConfigGlobalResources]", ID + "[ConfigRecorder]",
                ID + "[ConfigRules]", ID + "[GuardDuty]", ID + "[TrailAlarms]"), findings(audit -> { }));
    }

    @Test
    void failsARegionWhoseBaselineIsInAnotherRegionOfTheAccount() {
        App app = app();
        Stack network = stack(app, "Network", "111111111111", "eu-central-1");
        CfnVPC.Builder.create(network, "Vpc").cidrBlock("10.0.0.0/16").build();
        baseline(stack(app, "Audit", "111111111111", "eu-west-1"), true);

        // the multi-region trail, its alarms and the global-resource recording cover the account; the rest is regional
        assertEquals(List.of(ID + "[ConfigRecorder]", ID + "[ConfigRules]", ID + "[GuardDuty]"),
                PackFindings.checkOnly(network, AuditBaselineComplete.class).at("Network/Vpc", RULE));
    }

    @Test
    void failsAnAccountWhoseBaselineIsInAnotherAccount() {
        App app = app();
        Stack network = stack(app, "Network", "222222222222", "eu-west-1");
        CfnVPC.Builder.create(network, "Vpc").cidrBlock("10.0.0.0/16").build();
        baseline(stack(app, "Audit", "111111111111", "eu-west-1"), true);

        assertEquals(List.of(ID + "[CloudTrail]", ID + "[ConfigGlobalResources]", ID + "[ConfigRecorder]",
                ID + "[ConfigRules]", ID + "[GuardDuty]", ID + "[TrailAlarms]"),
                PackFindings.checkOnly(network, AuditBaselineComplete.class).at("Network/Vpc", RULE));
    }

    @Test
    void failsL1PartsThatAreThereButIncomplete() {
        // L1: a recorder of some types only, not global, a single-region trail, a detector switched off
        assertEquals(List.of(ID + "[CloudTrail]", ID + "[ConfigGlobalResources]", ID + "[ConfigRecorder]",
                ID + "[ConfigRules]", ID + "[GuardDuty]", ID + "[TrailAlarms]"), findings(audit -> {
                    CfnTrail.Builder.create(audit, "Trail").isLogging(true).isMultiRegionTrail(false)
                            .enableLogFileValidation(true).s3BucketName("logs").build();
                    CfnConfigurationRecorder.Builder.create(audit, "Recorder").roleArn("arn:aws:iam::111111111111:role/c")
                            .recordingGroup(CfnConfigurationRecorder.RecordingGroupProperty.builder().allSupported(false)
                                    .resourceTypes(List.of("AWS::EC2::VPC")).build()).build();
                    CfnDetector.Builder.create(audit, "Detector").enable(false).build();
                }));
    }

    @Test
    void failsAnL2AlarmSetMissingEventsAndNamesThem() {
        App app = app();
        Stack network = stack(app, "Network", "111111111111", "eu-west-1");
        CfnVPC.Builder.create(network, "Vpc").cidrBlock("10.0.0.0/16").build();
        Stack audit = stack(app, "Audit", "111111111111", "eu-west-1");
        LogArchive archive = new LogArchive(audit, "LogArchive", null);
        AuditTrail trail = new AuditTrail(audit, "Trail", AuditTrailProps.builder(archive).build());
        new SecurityAlarms(audit, "Alarms", SecurityAlarmsProps.builder(trail.getLogGroup())
                .events(List.of(SecurityEvent.SECURITY_GROUP_CHANGES, SecurityEvent.NACL_CHANGES)).build());
        new ConfigBaseline(audit, "Config", ConfigBaselineProps.builder(archive).build());
        new ThreatDetection(audit, "GuardDuty", null);

        PackFindings findings = PackFindings.checkOnly(network, AuditBaselineComplete.class);

        assertEquals(List.of(ID + "[TrailAlarms]"), findings.at("Network/Vpc", RULE));
        String description = findings.description(ID + "[TrailAlarms]");
        assertTrue(description.contains("No metric filter and alarm on the trail's log group for [UnauthorizedApiCalls, "
                + "ConsoleSignInWithoutMfa, RootAccountUsage, IamPolicyChanges"), description);
        assertTrue(!description.contains("SecurityGroupChanges") && !description.contains("NaclChanges"), description);
    }

    @Test
    void failsAlarmsThatNotifyNoTopic() {
        assertEquals(List.of(ID + "[AlertTopic]"), findings(audit -> {
            baseline(audit, true);
            audit.getNode().findAll().stream()
                    .filter(c -> c instanceof software.amazon.awscdk.services.cloudwatch.CfnAlarm)
                    .map(c -> (software.amazon.awscdk.services.cloudwatch.CfnAlarm) c)
                    .forEach(a -> a.addPropertyDeletionOverride("AlarmActions"));
        }));
    }

    @Test
    void failsAMissingVpcConfigRuleAndNamesIt() {
        App app = app();
        Stack network = stack(app, "Network", "111111111111", "eu-west-1");
        CfnVPC.Builder.create(network, "Vpc").cidrBlock("10.0.0.0/16").build();
        Stack audit = stack(app, "Audit", "111111111111", "eu-west-1");
        baseline(audit, true);
        audit.getNode().findAll().stream()
                .filter(c -> c instanceof software.amazon.awscdk.services.config.CfnConfigRule r
                        && c.getNode().getPath().contains("NaclNoUnrestrictedSshRdp"))
                .forEach(c -> ((software.amazon.awscdk.services.config.CfnConfigRule) c)
                        .addPropertyOverride("Source.SourceIdentifier", "SOMETHING_ELSE"));

        PackFindings findings = PackFindings.checkOnly(network, AuditBaselineComplete.class);

        assertEquals(List.of(ID + "[ConfigRules]"), findings.at("Network/Vpc", RULE));
        assertTrue(findings.description(ID + "[ConfigRules]").contains(
                "AWS Config rules missing in account 111111111111 region eu-west-1: [NACL_NO_UNRESTRICTED_SSH_RDP]"));
    }

    @Test
    void passesWhatAStackOfTheSameAccountAndRegionDeclaresAsAuditBaselinePresentReadsIt() {
        // the trail lives elsewhere with the alarms on its log group; Config lives elsewhere with its rules
        assertEquals(List.of(), findings(audit -> AuditBaselineDeclaration.declare(audit,
                "Organization trail with its alarms, Config and GuardDuty run from the security account",
                List.of(AuditBaselineDeclaration.CLOUDTRAIL, AuditBaselineDeclaration.CONFIG,
                        AuditBaselineDeclaration.GUARDDUTY))));
    }

    @Test
    void passesATrailOfTheAppWhoseAlarmsAndConfigRulesAreDeclared() {
        assertEquals(List.of(), findings(audit -> {
            LogArchive archive = new LogArchive(audit, "LogArchive", null);
            new AuditTrail(audit, "Trail", AuditTrailProps.builder(archive).build());
            CfnConfigurationRecorder.Builder.create(audit, "Recorder").roleArn("arn:aws:iam::111111111111:role/c")
                    .recordingGroup(CfnConfigurationRecorder.RecordingGroupProperty.builder().allSupported(true)
                            .includeGlobalResourceTypes(true).build()).build();
            new ThreatDetection(audit, "GuardDuty", null);
            AuditBaselineDeclaration.declare(audit, "CIS alarms and Config conformance packs run from the security "
                    + "account", List.of(AuditBaselineDeclaration.TRAIL_ALARMS, AuditBaselineDeclaration.CONFIG_RULES));
        }));
    }

    @Test
    void failsWhatOnlyAStackOfAnotherRegionDeclaresForTheRegionalParts() {
        App app = app();
        Stack network = stack(app, "Network", "111111111111", "eu-central-1");
        CfnVPC.Builder.create(network, "Vpc").cidrBlock("10.0.0.0/16").build();
        AuditBaselineDeclaration.declare(stack(app, "Audit", "111111111111", "eu-west-1"),
                "Organization trail with its alarms, Config and GuardDuty run from the security account",
                List.of(AuditBaselineDeclaration.CLOUDTRAIL, AuditBaselineDeclaration.CONFIG,
                        AuditBaselineDeclaration.CONFIG_RULES, AuditBaselineDeclaration.GUARDDUTY,
                        AuditBaselineDeclaration.TRAIL_ALARMS));

        assertEquals(List.of(ID + "[ConfigRecorder]", ID + "[ConfigRules]", ID + "[GuardDuty]"),
                PackFindings.checkOnly(network, AuditBaselineComplete.class).at("Network/Vpc", RULE));
    }

    @Test
    void theVpcRulesItRequiresAreTheOnesConfigBaselineDeploys() {
        App app = app();
        Stack audit = stack(app, "Audit", "111111111111", "eu-west-1");
        new ConfigBaseline(audit, "Config", ConfigBaselineProps.builder().adoptExistingRecorder(true).build());
        List<String> deployed = software.amazon.awscdk.assertions.Template.fromStack(audit)
                .findResources("AWS::Config::ConfigRule").values().stream()
                .map(r -> String.valueOf(((java.util.Map<?, ?>) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) r)
                        .get("Properties")).get("Source")).get("SourceIdentifier"))).toList();
        assertTrue(deployed.containsAll(AuditBaselineComplete.VPC_CONFIG_RULES), deployed.toString());
    }
}
