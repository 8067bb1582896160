package io.securevpc.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.AppContext;
import io.securevpc.gate.ComplianceGate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;

/**
 * The audit constructs as a library user gets them (archive with Object Lock), under all six stock cdk-nag
 * packs: the only findings left are the replication errors of the three buckets, which a single-region stack
 * cannot fix, and the missing default lock of AWS Config's bucket (AWS Config cannot write to a locked one);
 * the app acknowledges them (docs/gate.md, "The app's acknowledgements"). Everything else is fixed or
 * acknowledged by the constructs, but for the warning that nobody is subscribed to the alarms' topic (a subscription
 * is the user's to make).
 */
class AuditComplianceTest {

    @Test
    void onlyReplicationAndConfigBucketLockFindingsRemainUnderEveryStockPack() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Audit");
        LogArchive archive = new LogArchive(stack, "LogArchive",
                LogArchiveProps.builder().objectLockRetention(Duration.days(365)).build());
        AuditTrail trail = new AuditTrail(stack, "Trail", AuditTrailProps.builder(archive).build());
        new SecurityAlarms(stack, "SecurityAlarms", SecurityAlarmsProps.builder(trail.getLogGroup()).build());
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder(archive).build());
        ComplianceGate gate = ComplianceGate.builder().cloudFormationValidation(false).verdictStream(null).build(app);

        assertThrows(RuntimeException.class, app::synth);

        Map<String, TreeSet<String>> findings = new TreeMap<>();
        gate.verdicts().forEach((pack, verdict) -> {
            for (var violation : verdict.violations()) {
                for (var resource : violation.getViolatingResources()) {
                    findings.computeIfAbsent(violation.getRuleName() + " (" + violation.getSeverity() + ")",
                            k -> new TreeSet<>()).add(resource.getConstructPath());
                }
            }
        });
        TreeSet<String> buckets = new TreeSet<>(List.of("Audit/LogArchive/AccessLogBucket/Resource",
                "Audit/LogArchive/Bucket/Resource", "Audit/LogArchive/ConfigBucket/Resource"));
        assertEquals(Map.of(
                "NIST.800.53.R4-S3BucketDefaultLockEnabled (error)",
                new TreeSet<>(List.of("Audit/LogArchive/ConfigBucket/Resource")),
                "HIPAA.Security-S3BucketReplicationEnabled (error)", buckets,
                "NIST.800.53.R4-S3BucketReplicationEnabled (error)", buckets,
                "NIST.800.53.R5-S3BucketReplicationEnabled (error)", buckets,
                "PCI.DSS.321-S3BucketReplicationEnabled (error)", buckets,
                "BlueprintChecks-AlertTopicSubscribed (warning)",
                new TreeSet<>(List.of("Audit/SecurityAlarms/Topic/Resource"))), findings);
        assertEquals(7, gate.verdicts().size(), "the project's pack and the six stock packs");
        gate.verdicts().values().forEach(v -> assertEquals(1, v.stacks()));
    }
}
