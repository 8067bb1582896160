package io.securevpc.app;

import io.securevpc.internal.AwsIds;
import java.util.Objects;

/**
 * The account's trail as an organization trail (BP-AUD-1), created in the organization's management or delegated
 * administrator account (the environment's), writing to a bucket of a separate log archive account: nobody of the
 * management account can erase the records. The app synthesizes that bucket and its key, with their policies, as a
 * stack of its own in the log archive account ({@link OrganizationLogArchiveStack}, in the stage of that account and
 * the environment's region): deploy it first, then set {@code kmsKeyArn} to its {@code KeyArn} output; until then the
 * trail stays the account's own, and synth warns.
 *
 * @param organizationId the AWS Organizations id ({@code o-...}): the trail writes under {@code AWSLogs/<id>/}
 * @param logArchive where the trail writes
 */
public record OrganizationTrail(@Required String organizationId, @Required LogArchiveAccount logArchive) {
    /**
     * The log archive account's bucket and key.
     *
     * @param accountId the log archive account, not the environment's
     * @param bucketName the name of the archive bucket, created with it by the app's log archive stack (global: it
     *     must be free)
     * @param kmsKeyArn the ARN of the archive key in that account and the environment's region (the log archive
     *     stack's {@code KeyArn} output); {@code null} until that stack is deployed: the trail then stays the
     *     account's own
     */
    public record LogArchiveAccount(@Required String accountId, @Required String bucketName, String kmsKeyArn) {
        /** @return the account of the key ARN, or {@code null} when unset or malformed */
        String keyAccount() {
            return AwsIds.Format.KMS_KEY_ARN.matches(kmsKeyArn) ? kmsKeyArn.split(":")[4] : null;
        }

        /** @return the region of the key ARN, or {@code null} when unset or malformed */
        String keyRegion() {
            return AwsIds.Format.KMS_KEY_ARN.matches(kmsKeyArn) ? kmsKeyArn.split(":")[3] : null;
        }
    }

    /** Checks the values (the reader has checked their JSON types) of an environment with this account and region. */
    void validate(final String key, final String account, final String region, final ConfigReader reader) {
        if (account == null || region == null) {
            reader.add(key, "(an organization trail)", "an environment with its account and region: the log archive's "
                    + "bucket and key policies name the account whose organization trail writes, and the key is "
                    + "regional");
        }
        if (organizationId == null || !AwsIds.Format.ORGANIZATION_ID.matches(organizationId)) {
            reader.add(key + ".organizationId", organizationId, AwsIds.Format.ORGANIZATION_ID.allowed()
                    + " (aws organizations describe-organization)");
        }
        if (logArchive == null) {
            reader.add(key + ".logArchive", null, "an object with accountId, bucketName and (once the log archive "
                    + "stack is deployed) kmsKeyArn");
            return;
        }
        String k = key + ".logArchive";
        String archiveAccount = logArchive.accountId();
        if (archiveAccount == null || !AwsIds.Format.ACCOUNT_ID.matches(archiveAccount)) {
            reader.add(k + ".accountId", archiveAccount, AwsIds.Format.ACCOUNT_ID.allowed());
        } else if (archiveAccount.equals(account)) {
            reader.add(k + ".accountId", archiveAccount, "a separate log archive account, not the environment's own: "
                    + "in its own account the trail's archive needs no organizationTrail");
        }
        if (logArchive.bucketName() == null || !AwsIds.Format.S3_BUCKET_NAME.matches(logArchive.bucketName())) {
            reader.add(k + ".bucketName", logArchive.bucketName(), AwsIds.Format.S3_BUCKET_NAME.allowed());
        }
        String keyArn = logArchive.kmsKeyArn();
        if (keyArn != null && !AwsIds.Format.KMS_KEY_ARN.matches(keyArn)) {
            reader.add(k + ".kmsKeyArn", keyArn, AwsIds.Format.KMS_KEY_ARN.allowed()
                    + " (the log archive stack's KeyArn output; an alias is not accepted)");
        } else if (keyArn != null && (!Objects.equals(logArchive.keyAccount(), archiveAccount)
                || region != null && !region.equals(logArchive.keyRegion()))) {
            reader.add(k + ".kmsKeyArn", keyArn, "a key of the log archive account " + archiveAccount
                    + " in the environment's region " + region + " (the log archive stack's KeyArn output)");
        }
    }
}
