package io.securevpc.docs;

import io.securevpc.audit.AuditTrail;
import io.securevpc.audit.AuditTrailProps;
import io.securevpc.audit.ConfigBaseline;
import io.securevpc.audit.ConfigBaselineProps;
import io.securevpc.audit.LogArchive;
import io.securevpc.audit.LogArchiveProps;
import io.securevpc.audit.SecurityAlarms;
import io.securevpc.audit.SecurityAlarmsProps;
import io.securevpc.detection.MaliciousIpBlocking;
import io.securevpc.detection.MaliciousIpBlockingProps;
import io.securevpc.detection.SecurityAlerts;
import io.securevpc.network.SecureVpc;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.ObjectLockMode;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;

/** The snippets of docs/audit-and-detection.md (DocSnippetsTest; DocsSnippetsSynthTest builds these stacks). */
final class AuditSnippets {
    private AuditSnippets() {
    }

    static Stack auditBaseline(final App app, final StackProps props) {
        Stack stack = new Stack(app, "Audit", props);
        // snippet: audit-baseline
        LogArchive archive = new LogArchive(stack, "LogArchive", LogArchiveProps.builder()
                .objectLockRetention(Duration.days(365))          // without it: a synth warning
                .objectLockMode(ObjectLockMode.COMPLIANCE)         // optional: default GOVERNANCE
                .breakGlassPrincipalArn("arn:aws:iam::111122223333:role/AuditBreakGlass") // optional
                .build());
        AuditTrail trail = new AuditTrail(stack, "Trail", AuditTrailProps.builder(archive)
                .insights(true)                                    // optional, charged
                .build());
        new SecurityAlarms(stack, "SecurityAlarms", SecurityAlarmsProps.builder(trail.getLogGroup())
                .subscriptions(List.of(new EmailSubscription("security@example.com"))) // without: a synth warning
                .build());
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder(archive)
                .recordGlobalResources(true)                       // true in one region per account only
                .requiredEndpointServices(List.of("s3", "ssm"))
                .build());
        // end-snippet
        return stack;
    }

    static Stack adoptedBaseline(final App app, final StackProps props) {
        Stack stack = new Stack(app, "AdoptedAudit", props);
        // snippet: audit-adopt
        AuditTrail trail = new AuditTrail(stack, "Trail", AuditTrailProps.builder()
                .existingTrailLogGroup(LogGroup.fromLogGroupName(stack, "OrgTrail", "aws-controltower/CloudTrailLogs"))
                .build());
        new ConfigBaseline(stack, "Config", ConfigBaselineProps.builder().adoptExistingRecorder(true).build());
        // end-snippet
        new SecurityAlarms(stack, "SecurityAlarms", SecurityAlarmsProps.builder(trail.getLogGroup()).build());
        return stack;
    }

    static Stack maliciousIpBlocking(final App app, final StackProps props) {
        Stack detectionStack = new Stack(app, "Detection", props);
        Stack networkStack = new Stack(app, "BlockingNetwork", props);
        SecureVpc network = new SecureVpc(networkStack, "Network", null);
        // snippet: malicious-ip-blocking
        SecurityAlerts alerts = new SecurityAlerts(detectionStack, "Alerts", null);
        new MaliciousIpBlocking(networkStack, "IpBlocking", MaliciousIpBlockingProps.builder()
                .secureVpc(network)                                    // the SecureVpc of networkStack
                .alerts(alerts.referenceFrom(networkStack, "Alerts"))  // alerts of the same account and region
                .tiers(List.of("workload"))                            // optional: default every tier
                .blockDuration(Duration.hours(12))                     // optional: default 24 hours
                .severityThreshold(7.0)                                // optional: default 4 (medium)
                .allowList(List.of("192.168.0.0/16", "203.0.113.10/32")) // optional: connected networks, never blocked
                .reservedNaclEntries(4)                                // optional: free entries left per direction
                .alertOnly(false)                                      // optional: true = notify only, warns at synth
                .build());
        // end-snippet
        return networkStack;
    }
}
