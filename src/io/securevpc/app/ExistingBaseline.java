package io.securevpc.app;

import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.internal.AwsIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an environment's account and region already have, managed outside the app (an AWS Control Tower landing zone,
 * an organization's delegated administrators): the app then creates none of it, so it deploys into such an account
 * without colliding with it, and declares the adoption to the compliance gate ({@link AuditBaselineDeclaration}), whose
 * audit-baseline rules accept it (BP-AUD-1/2, BP-MON-2/3).
 *
 * @param reason why these parts exist outside the app (e.g. "AWS Control Tower landing zone"): written to the audit
 *     stack's declaration, which the gate reads
 * @param trail the account's existing multi-region trail (an organization or Control Tower trail): no trail is
 *     created in the account; {@code null}: the app creates the account's trail in its home region
 * @param configRecorder {@code true}: the region has a configuration recorder and delivery channel (there can be only
 *     one of each): the app creates only its AWS Config rules and remediations; {@code null} (false): it creates them
 * @param guardDutyDetectorId the id of the region's GuardDuty detector (one per account and region): the app creates
 *     none; {@code null}: it creates one
 * @param securityHub {@code true}: Security Hub is enabled in the account and region (by the organization's delegated
 *     administrator): the app enables no hub of its own
 * @param configServiceLinkedRole {@code true}: AWS Config's service-linked role {@code AWSServiceRoleForConfig}
 *     exists in the account; {@code null} (false): the app creates it ({@code AWS::IAM::ServiceLinkedRole}, in the
 *     account's home region) when it creates a configuration recorder in the account
 */
public record ExistingBaseline(@Required String reason, ExistingTrail trail, Boolean configRecorder,
                               String guardDutyDetectorId, Boolean securityHub, Boolean configServiceLinkedRole) {
    /** A CloudTrail trail ARN; its account is group 1. */
    static final Pattern TRAIL_ARN = Pattern.compile(
            "^arn:aws(-[a-z]+)*:cloudtrail:[a-z]{2,4}(-[a-z]+)+-\\d{1,2}:(\\d{12}):trail/[A-Za-z0-9._-]{3,128}$");
    private static final Pattern LOG_GROUP_NAME = Pattern.compile("^[A-Za-z0-9_/.#-]{1,512}$");

    /**
     * The account's existing trail.
     *
     * @param arn the trail's ARN ({@code aws cloudtrail describe-trails}); an organization trail's ARN names the
     *     management account
     * @param logGroupName the CloudWatch Logs group, in this account and its home region, the trail delivers to: the
     *     app's CIS metric filters and alarms watch it; {@code null} (an organization trail delivers to a group of
     *     the management account only): no metric filter or alarm is created, and synth warns
     */
    public record ExistingTrail(@Required String arn, String logGroupName) {
        /** @return the account of the trail's ARN, or {@code null} when the ARN is malformed */
        String account() {
            Matcher m = arn == null ? null : TRAIL_ARN.matcher(arn);
            return m != null && m.matches() ? m.group(3) : null;
        }
    }

    /** @return whether the region's configuration recorder and delivery channel exist. */
    public boolean adoptsConfigRecorder() {
        return Boolean.TRUE.equals(configRecorder);
    }

    /** @return whether AWS Config's service-linked role is declared to exist. */
    public boolean hasConfigServiceLinkedRole() {
        return Boolean.TRUE.equals(configServiceLinkedRole);
    }

    /** @return whether Security Hub is declared to be enabled. */
    public boolean hasSecurityHub() {
        return Boolean.TRUE.equals(securityHub);
    }

    /**
     * The parts of the gate's audit baseline this declares for the account and region ({@link AuditBaselineDeclaration}
     * names); the trail is declared in the account's home region only, where the app would create it.
     */
    List<String> covers(final boolean home) {
        List<String> covers = new ArrayList<>();
        if (trail != null && home) {
            covers.add(AuditBaselineDeclaration.CLOUDTRAIL);
        }
        if (adoptsConfigRecorder()) {
            covers.add(AuditBaselineDeclaration.CONFIG);
        }
        if (guardDutyDetectorId != null) {
            covers.add(AuditBaselineDeclaration.GUARDDUTY);
        }
        return covers;
    }

    /** Checks the values (the reader has checked their JSON types); {@code account} is the environment's. */
    void validate(final String key, final String account, final ConfigReader reader) {
        if (reason == null || reason.isBlank()) {
            reader.add(key + ".reason", reason, "a non-empty reason: why these parts exist outside the app (e.g. "
                    + "'AWS Control Tower landing zone'); the compliance gate reads it");
        }
        if (trail == null && configRecorder == null && guardDutyDetectorId == null && securityHub == null
                && configServiceLinkedRole == null) {
            reader.add(key, "no part", "at least one of trail, configRecorder, guardDutyDetectorId, securityHub, "
                    + "configServiceLinkedRole; leave existingBaseline out when the account has none of them");
        }
        if (trail != null) {
            validateTrail(key + ".trail", account, reader);
        }
        if (guardDutyDetectorId != null && !AwsIds.Format.DETECTOR_ID.matches(guardDutyDetectorId)) {
            reader.add(key + ".guardDutyDetectorId", guardDutyDetectorId, AwsIds.Format.DETECTOR_ID.allowed()
                    + " (aws guardduty list-detectors)");
        }
    }

    private void validateTrail(final String key, final String account, final ConfigReader reader) {
        if (trail.arn() == null || trail.account() == null) {
            reader.add(key + ".arn", trail.arn(), "a CloudTrail trail ARN: arn:<partition>:cloudtrail:<region>:"
                    + "<account>:trail/<name>, e.g. arn:aws:cloudtrail:eu-west-1:111122223333:trail/"
                    + "aws-controltower-BaselineCloudTrail (aws cloudtrail describe-trails)");
            return;
        }
        String name = trail.logGroupName();
        if (name != null && !LOG_GROUP_NAME.matcher(name).matches()) {
            reader.add(key + ".logGroupName", name, "a CloudWatch Logs group name: 1 to 512 letters, digits, "
                    + "'_', '-', '/', '.', '#', e.g. aws-controltower/CloudTrailLogs");
        } else if (name != null && account != null && !account.equals(trail.account())) {
            reader.add(key + ".logGroupName", name, "unset: the trail belongs to account " + trail.account()
                    + " and delivers to a log group of that account, where this account's metric filters cannot "
                    + "be created (an organization trail's log group is in the management account)");
        }
    }

    /** @return whether two environments of one account and region give different baselines (both set). */
    static boolean conflict(final ExistingBaseline a, final ExistingBaseline b) {
        return a != null && b != null && !Objects.equals(a, b);
    }
}
