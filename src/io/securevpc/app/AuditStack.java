package io.securevpc.app;

import io.securevpc.audit.AuditTrail;
import io.securevpc.audit.AuditTrailProps;
import io.securevpc.audit.ConfigBaseline;
import io.securevpc.audit.ConfigBaselineProps;
import io.securevpc.audit.LogArchive;
import io.securevpc.audit.LogArchiveProps;
import io.securevpc.audit.SecurityAlarms;
import io.securevpc.audit.SecurityAlarmsProps;
import io.securevpc.compliance.Acknowledgements;
import io.securevpc.compliance.AuditBaselineDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.iam.CfnServiceLinkedRole;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The audit baseline of one account and region that hosts environments (BP-AUD-1..3, BP-MON-3): the log
 * archive and AWS Config in every such region; the multi-region CloudTrail trail, its alarms and the
 * recording of global resources (IAM) only in the account's home region, the region of its first environment
 * in {@code cdk.json}, so nothing is recorded twice.
 *
 * <p>One audit stack per (account, region) rather than one per environment: a trail, a configuration
 * recorder and a delivery channel are per account (trail) or per region (recorder), so two environments in
 * the same place share them.
 */
public final class AuditStack extends Stack {
    private final LogArchive archive;
    private final AuditTrail trail;
    private final SecurityAlarms alarms;
    private final ConfigBaseline config;
    private final Target target;
    private final ExistingBaseline existing;
    private final CfnServiceLinkedRole configRole;

    /**
     * @param profile the profile of the account and region's environments: the archive's Object Lock mode and
     *     retention, the trail's log retention
     * @param alerts who receives the security alarms (the alarm topic's subscriptions, or an existing topic);
     *     an empty one leaves the created topic without a subscriber (a synth warning)
     */
    public AuditStack(final Construct scope, final Target target, final Profile profile,
                      final AlertSubscriptions alerts) {
        this(scope, target, profile, alerts, null, true);
    }

    /**
     * @param existing what the account and region already have ({@link ExistingBaseline}, its trail the account's):
     *     none of it is created, and the adoption is declared to the compliance gate; {@code null}: nothing exists
     * @param configServiceLinkedRole create AWS Config's service-linked role here (in the account's home region,
     *     when a recorder of the account needs it and it is not declared to exist)
     */
    public AuditStack(final Construct scope, final Target target, final Profile profile,
                      final AlertSubscriptions alerts, final ExistingBaseline existing,
                      final boolean configServiceLinkedRole) {
        this(scope, target, profile, alerts, existing, configServiceLinkedRole, null);
    }

    /**
     * @param organizationTrail make the account's trail (home region) an organization trail writing to the log
     *     archive account's bucket and key; {@code null}: the account's own trail, writing to this stack's archive
     */
    public AuditStack(final Construct scope, final Target target, final Profile profile,
                      final AlertSubscriptions alerts, final ExistingBaseline existing,
                      final boolean configServiceLinkedRole, final OrganizationTrail organizationTrail) {
        super(scope, target.stackName(), StackProps.builder()
                .stackName(target.stackName())
                .env(target.account() == null && target.region() == null ? null
                        : Environment.builder().account(target.account()).region(target.region()).build())
                .description("Secure VPC blueprint: audit baseline (CloudTrail, AWS Config, alarms, log archive)"
                        + (target.home() ? ", home region" : ""))
                .terminationProtection(true)
                .build());
        this.target = target;
        Tags.of(this).add("blueprint:component", "audit");
        this.archive = new LogArchive(this, "LogArchive", LogArchiveProps.builder()
                .objectLockMode(profile.archiveLockMode())
                .objectLockRetention(profile.archiveLockRetention())
                .build());
        this.existing = existing;
        ExistingBaseline.ExistingTrail existingTrail = existing == null ? null : existing.trail();
        if (target.home() && existingTrail != null) {
            this.trail = existingTrail.logGroupName() == null ? null : new AuditTrail(this, "Trail",
                    AuditTrailProps.builder().existingTrailLogGroup(LogGroup.fromLogGroupName(this,
                            "ExistingTrailLogGroup", existingTrail.logGroupName())).build());
            if (trail == null) {
                Annotations.of(this).addWarningV2("@securevpc/app:existingTrailWithoutLogGroup",
                        "existingBaseline.trail (" + existingTrail.arn() + ") names no logGroupName: the CIS metric "
                                + "filters and alarms on the trail (SecurityAlarms, BP-MON-3) are not created in this "
                                + "account; they must live where the trail's log group is (for an organization "
                                + "trail, the management account), and the gate accepts the declared trail for them.");
            }
        } else if (target.home() && organizationTrail != null && organizationTrail.logArchive().kmsKeyArn() != null) {
            OrganizationTrail.LogArchiveAccount remote = organizationTrail.logArchive();
            this.trail = new AuditTrail(this, "Trail", AuditTrailProps.builder(archive)
                    .organizationTrail(true)
                    .bucket(Bucket.fromBucketName(this, "OrganizationArchiveBucket", remote.bucketName()))
                    .encryptionKey(Key.fromKeyArn(this, "OrganizationArchiveKey", remote.kmsKeyArn()))
                    .logGroupKey(archive.getKey())
                    .logRetention(profile.logRetention())
                    .build());
        } else if (target.home()) {
            if (organizationTrail != null) {
                Annotations.of(this).addWarningV2("@securevpc/app:organizationTrailPending",
                        "organizationTrail.logArchive.kmsKeyArn is unset: the trail stays this account's own, writing "
                                + "to this stack's archive. Deploy stack " + OrganizationLogArchiveStack.nameOf(
                                organizationTrail, target.region()) + " in account "
                                + organizationTrail.logArchive().accountId() + ", then set kmsKeyArn to its KeyArn "
                                + "output to make the trail an organization trail writing there.");
            }
            this.trail = new AuditTrail(this, "Trail", AuditTrailProps.builder(archive)
                    .logRetention(profile.logRetention())
                    .build());
        } else {
            this.trail = null;
        }
        this.alarms = trail == null ? null : new SecurityAlarms(this, "SecurityAlarms",
                SecurityAlarmsProps.builder(trail.getLogGroup())
                        .topic(alerts.topicArn() == null ? null
                                : Topic.fromTopicArn(this, "AlertTopic", alerts.topicArn()))
                        .subscriptions(alerts.subscriptions())
                        .build());
        boolean adoptRecorder = existing != null && existing.adoptsConfigRecorder();
        this.config = new ConfigBaseline(this, "Config", adoptRecorder
                ? ConfigBaselineProps.builder().adoptExistingRecorder(true).build()
                : ConfigBaselineProps.builder(archive).recordGlobalResources(target.home()).build());
        this.configRole = configServiceLinkedRole ? createConfigServiceLinkedRole() : null;
        if (configRole != null && config.getRecorder() != null) {
            config.getRecorder().addResourceDependency(configRole);
        }
        List<String> covers = existing == null ? List.of() : existing.covers(target.home());
        if (!covers.isEmpty()) {
            AuditBaselineDeclaration.declare(this, existing.reason(), covers);
        }
        acknowledgeSingleRegionArchive(archive, profile);
    }

    /**
     * AWS Config's service-linked role, which the recorders of the account use (one per account: created in its home
     * region); {@code RETAIN}, as the recorders are. Creating it fails when it exists: declare it with
     * {@code existingBaseline.configServiceLinkedRole}.
     */
    private CfnServiceLinkedRole createConfigServiceLinkedRole() {
        CfnServiceLinkedRole role = CfnServiceLinkedRole.Builder.create(this, "ConfigServiceLinkedRole")
                .awsServiceName("config.amazonaws.com")
                .description("AWS Config records the account's resources with this role (BP-AUD-2)")
                .build();
        role.applyRemovalPolicy(RemovalPolicy.RETAIN);
        return role;
    }

    /**
     * The archive is one region's copy: a cross-region replica needs a bucket in a second region, which this
     * single-region stack cannot hold. What protects the records instead, each part asserted on the template by the
     * tests: Object Lock (the profile's mode and retention) on CloudTrail's bucket, versioning, {@code RETAIN}, bucket
     * policies that deny deleting objects and versions and changing the policy, lifecycle, versioning or Object Lock
     * configuration to every principal (no break-glass principal is configured), and for CloudTrail the
     * CMK-encrypted CloudWatch Logs copy. AWS Config's bucket has no Object Lock: AWS Config does not support
     * delivery to a bucket with Object Lock.
     */
    static void acknowledgeSingleRegionArchive(final LogArchive archive, final Profile profile) {
        Acknowledgements.acknowledge((CfnResource) archive.getBucket().getNode().getDefaultChild(),
                "Single-region stack: a cross-region replica needs a bucket in a second region. Object Lock "
                        + "(" + profile.archiveLockMode() + ", " + profile.archiveLockRetention().toDays().intValue()
                        + " days), versioning, RETAIN and a bucket policy denying object and version deletion to "
                        + "every principal protect every record; CloudTrail events are also kept in the "
                        + "CMK-encrypted CloudWatch Logs group.",
                "HIPAA.Security-S3BucketReplicationEnabled", "NIST.800.53.R4-S3BucketReplicationEnabled",
                "NIST.800.53.R5-S3BucketReplicationEnabled", "PCI.DSS.321-S3BucketReplicationEnabled");
        Acknowledgements.acknowledge((CfnResource) archive.getConfigBucket().getNode().getDefaultChild(),
                "Single-region stack: a cross-region replica needs a bucket in a second region. Versioning, RETAIN "
                        + "and a bucket policy denying object and version deletion, lifecycle, versioning and policy "
                        + "changes to every principal protect AWS Config's history and snapshots.",
                "HIPAA.Security-S3BucketReplicationEnabled", "NIST.800.53.R4-S3BucketReplicationEnabled",
                "NIST.800.53.R5-S3BucketReplicationEnabled", "PCI.DSS.321-S3BucketReplicationEnabled");
        Acknowledgements.acknowledge((CfnResource) archive.getConfigBucket().getNode().getDefaultChild(),
                "AWS Config does not support a delivery channel to a bucket with Object Lock enabled, so AWS "
                        + "Config's bucket has none; its bucket policy denies object and version deletion to every "
                        + "principal, and the CloudTrail archive bucket is locked.",
                "NIST.800.53.R4-S3BucketDefaultLockEnabled");
        Acknowledgements.acknowledge((CfnResource) archive.getAccessLogBucket().getNode().getDefaultChild(),
                "S3 server access logs of the archive bucket, a diagnostic record rather than audit data; a "
                        + "cross-region replica needs a bucket in a second region, outside this single-region stack.",
                "HIPAA.Security-S3BucketReplicationEnabled", "NIST.800.53.R4-S3BucketReplicationEnabled",
                "NIST.800.53.R5-S3BucketReplicationEnabled", "PCI.DSS.321-S3BucketReplicationEnabled");
    }

    /** @return the account and region this stack covers. */
    public Target getTarget() {
        return target;
    }

    public LogArchive getArchive() {
        return archive;
    }

    /** @return the trail, only in the account's home region: created, or adopted with its log group; else null. */
    public AuditTrail getTrail() {
        return trail;
    }

    /** @return the alarms, only in the account's home region, and not on an adopted trail without its log group. */
    public SecurityAlarms getAlarms() {
        return alarms;
    }

    public ConfigBaseline getConfig() {
        return config;
    }

    /** @return what the account and region already have, or {@code null}. */
    public ExistingBaseline getExisting() {
        return existing;
    }

    /** @return AWS Config's service-linked role, when this stack creates it. */
    public CfnServiceLinkedRole getConfigServiceLinkedRole() {
        return configRole;
    }

    /**
     * @return the ARN of the account's trail that a stopped trail's restart may target: the created trail, or the
     *     adopted one when it belongs to this stack's account (an organization trail of the management account cannot
     *     be started from a member account); {@code null} outside the home region
     */
    public String getRestartableTrailArn() {
        if (trail != null && trail.getTrail() != null) {
            return trail.getTrail().getAttrArn();
        }
        ExistingBaseline.ExistingTrail t = existing == null ? null : existing.trail();
        return target.home() && t != null && target.account() != null && target.account().equals(t.account())
                ? t.arn() : null;
    }

    /**
     * Where one audit stack goes.
     *
     * @param account the account, or {@code null} for the CLI's account
     * @param region the region, or {@code null} for the CLI's region
     * @param home whether this is the account's home region (trail, alarms, global resources)
     */
    public record Target(String account, String region, boolean home) {
        /** @return {@code SecureVpc-Audit}, followed by the account and region when they are configured. */
        public String stackName() {
            StringBuilder name = new StringBuilder("SecureVpc-Audit");
            if (account != null) {
                name.append('-').append(account);
            }
            if (region != null) {
                name.append('-').append(region);
            }
            return name.toString();
        }

        /** One target per distinct (account, region) of the environments, in configuration order. */
        public static List<Target> of(final List<EnvironmentConfig> environments) {
            Map<String, Target> targets = new LinkedHashMap<>();
            List<String> accountsWithHome = new ArrayList<>();
            for (EnvironmentConfig env : environments) {
                String key = env.account() + "/" + env.region();
                if (!targets.containsKey(key)) {
                    boolean home = accountsWithHome.stream().noneMatch(a -> Objects.equals(a, env.account()));
                    if (home) {
                        accountsWithHome.add(env.account());
                    }
                    targets.put(key, new Target(env.account(), env.region(), home));
                }
            }
            return List.copyOf(targets.values());
        }
    }
}
