package io.securevpc.app;

import io.securevpc.audit.LogArchive;
import io.securevpc.audit.LogArchiveProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * The log archive account's side of an {@link OrganizationTrail} (BP-AUD-1/2): the archive bucket (named in the
 * configuration, Object Lock as the profile says), its key and its access-log bucket, with bucket and key policies
 * that let CloudTrail write and encrypt for trails of the management account only ({@code aws:SourceAccount},
 * {@code aws:SourceArn}, the {@code aws:cloudtrail:arn} encryption context), under {@code AWSLogs/<account>/} and
 * {@code AWSLogs/<organizationId>/}, and deny erasing the archive to everyone. The key's ARN is the {@code KeyArn}
 * output, which the management account's trail names ({@code organizationTrail.logArchive.kmsKeyArn}).
 */
public final class OrganizationLogArchiveStack extends Stack {
    private final LogArchive archive;

    /**
     * @param trailAccount the management or delegated administrator account whose organization trail writes here
     * @param region the region of that trail's home (the key is regional)
     */
    public OrganizationLogArchiveStack(final Construct scope, final OrganizationTrail trail, final String trailAccount,
                                       final String region, final Profile profile) {
        super(scope, nameOf(trail, region), StackProps.builder()
                .stackName(nameOf(trail, region))
                .env(Environment.builder().account(trail.logArchive().accountId()).region(region).build())
                .description("Secure VPC blueprint: organization trail log archive of account " + trailAccount)
                .terminationProtection(true)
                .build());
        Tags.of(this).add("blueprint:component", "audit");
        this.archive = new LogArchive(this, "LogArchive", LogArchiveProps.builder()
                .objectLockMode(profile.archiveLockMode())
                .objectLockRetention(profile.archiveLockRetention())
                .organizationId(trail.organizationId())
                .trailAccount(trailAccount)
                .bucketName(trail.logArchive().bucketName())
                .build());
        AuditStack.acknowledgeSingleRegionArchive(archive, profile);
        CfnOutput.Builder.create(this, "KeyArn").value(archive.getKey().getKeyArn())
                .description("organizationTrail.logArchive.kmsKeyArn of the management account's environments")
                .build();
    }

    /** @return {@code SecureVpc-OrganizationLogArchive-<account>-<region>}. */
    static String nameOf(final OrganizationTrail trail, final String region) {
        return "SecureVpc-OrganizationLogArchive-" + trail.logArchive().accountId() + "-" + region;
    }

    public LogArchive getArchive() {
        return archive;
    }
}
