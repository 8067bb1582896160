package io.securevpc.app;

import io.securevpc.audit.ConfigBaseline;
import io.securevpc.detection.ConfigComplianceAlerts;
import io.securevpc.detection.GuardDutyFindingAlerts;
import io.securevpc.detection.GuardDutyFindingAlertsProps;
import io.securevpc.detection.InstanceFindingAlerts;
import io.securevpc.detection.MonitoringChangeAlerts;
import io.securevpc.detection.RunbookFailureAlerts;
import io.securevpc.detection.PublicIngressRevocation;
import io.securevpc.detection.SecurityAlerts;
import io.securevpc.detection.SecurityHub;
import io.securevpc.detection.SecurityHubProps;
import io.securevpc.detection.TamperResponse;
import io.securevpc.detection.ThreatDetection;
import io.securevpc.detection.ThreatDetectionProps;
import java.util.Map;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Threat detection and automatic remediation for one account and region (GuardDuty allows one detector
 * per account and region): the detector, the alerts topic with the configured subscriptions, tamper alerts,
 * world-open ingress revocation, an alert for every GuardDuty finding of medium severity or above (instance findings
 * naming the instance, in any VPC), every finding exported to the audit archive, an alert for every resource turned
 * non-compliant with the audit stack's AWS Config rules, Security Hub CSPM (FSBP, CIS v3) with an alert for its high
 * and critical findings, and
 * for every failed execution of the AWS Config remediation runbooks (BP-MON-2/4/5).
 *
 * <p>The remediation of one VPC (instance isolation, blocking malicious remote IPs in its tier NACLs) lives in
 * that VPC's network stack ({@link NetworkStack#addRemediation}) and reports to this stack's alerts through a
 * reference: this stack refers to no VPC, so it does not grow with the number of VPCs in its account and region.
 */
public final class DetectionStack extends Stack {
    private final SecurityAlerts alerts;

    /**
     * @param audit the audit stack of the same account and region, if any: a stopped trail is then restarted
     *     (the audit trail, when this is the account's home region)
     */
    public DetectionStack(final Construct scope, final String id, final String account, final String region,
                          final AuditStack audit) {
        this(scope, id, account, region, audit, new AlertSubscriptions(null, null, null));
    }

    /**
     * @param subscriptions who receives the alerts (the alerts topic's subscriptions, or an existing topic); an
     *     empty one leaves the created topic without a subscriber (a synth warning)
     */
    public DetectionStack(final Construct scope, final String id, final String account, final String region,
                          final AuditStack audit, final AlertSubscriptions subscriptions) {
        super(scope, id, StackProps.builder()
                .stackName(id)
                .env(account == null && region == null ? null
                        : Environment.builder().account(account).region(region).build())
                .description("Secure VPC blueprint: threat detection and automatic remediation")
                .terminationProtection(true)
                .build());
        // The monitoring guardrails deny changes to resources carrying this tag (io.securevpc.iam.Guardrails).
        Tags.of(this).add("blueprint:component", "detection");
        // An existing detector (existingBaseline.guardDutyDetectorId) is adopted: there is one per account and region,
        // and its findings export (a detector has one publishing destination) is the account owner's. Otherwise every
        // finding is also kept in the audit archive beyond GuardDuty's 90 days (BP-MON-2, BP-AUD-1): in the archive
        // bucket without a default retention (AWS Config's), as S3 refuses writes to a bucket with one unless they
        // carry a checksum header, which GuardDuty's export is not documented to send.
        ExistingBaseline existing = audit == null ? null : audit.getExisting();
        String existingDetector = existing == null ? null : existing.guardDutyDetectorId();
        new ThreatDetection(this, "GuardDuty", existingDetector != null
                ? ThreatDetectionProps.builder().existingDetectorId(existingDetector).build()
                : audit == null ? null : ThreatDetectionProps.builder()
                        .findingsBucket(audit.getArchive().getConfigBucket())
                        .findingsKey(audit.getArchive().getKey())
                        .build());
        this.alerts = new SecurityAlerts(this, "Alerts",
                subscriptions.topicArn() == null ? null
                        : Topic.fromTopicArn(this, "AlertTopic", subscriptions.topicArn()),
                subscriptions.subscriptions());
        String trailArn = audit == null ? null : audit.getRestartableTrailArn();
        new TamperResponse(this, "Tamper", alerts, trailArn, false, false);
        new PublicIngressRevocation(this, "WorldOpenIngress", alerts, null, null, false);
        new InstanceFindingAlerts(this, "InstanceFindings", alerts, InstanceFindingAlerts.DEFAULT_SEVERITY_THRESHOLD);
        // Findings on anything but an instance (IAM, S3, EKS, RDS, Lambda, containers, malware): the instance ones are
        // InstanceFindingAlerts', so each finding is reported once.
        new GuardDutyFindingAlerts(this, "GuardDutyFindings", GuardDutyFindingAlertsProps.builder().alerts(alerts)
                .excludeInstanceFindings(true).build());
        // The audit stack's AWS Config remediations run AWS-owned runbooks: their failures are alerts too.
        new RunbookFailureAlerts(this, "ConfigRemediationFailures", alerts, ConfigBaseline.REMEDIATION_RUNBOOKS);
        // Security Hub CSPM: FSBP and CIS v3 checks on the account and region, their high and critical findings alerted;
        // GuardDuty's findings, which Security Hub also imports, alert through the GuardDuty rules above only, and the
        // controls that check what the audit stack's AWS Config rules check through ConfigNonCompliance below only. A
        // hub the account already has (existingBaseline.securityHub) is adopted: its findings alert, no hub is created.
        new SecurityHub(this, "SecurityHub", SecurityHubProps.builder().alerts(alerts).excludeGuardDutyFindings(true)
                .existingHub(existing != null && existing.hasSecurityHub() ? Boolean.TRUE : null)
                .excludedControlIds(audit == null ? null : ConfigBaseline.SECURITY_HUB_CONTROLS)
                .build());
        if (audit != null) {
            // Drift from the blueprint's AWS Config rules: an alert per resource turned NON_COMPLIANT (BP-AUD-3), the
            // names in construct-id order so the rules' contents are the same on every synth.
            new ConfigComplianceAlerts(this, "ConfigNonCompliance", alerts, audit.getConfig().getRules().entrySet()
                    .stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().getConfigRuleName()).toList());
        }
        // Every call the monitoring guardrails deny, when it happens anyway (break-glass, pipeline): an alert.
        new MonitoringChangeAlerts(this, "MonitoringChanges", alerts);
    }

    public SecurityAlerts getAlerts() {
        return alerts;
    }
}
