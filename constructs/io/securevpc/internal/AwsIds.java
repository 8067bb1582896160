package io.securevpc.internal;

import io.securevpc.ErrorCode;
import java.util.regex.Pattern;
import software.amazon.awscdk.Token;

/**
 * The formats of the AWS identifiers and names props take as strings, in one place: each with the pattern, what
 * the message says is allowed and an example of a valid value. Matching is plain Java (no jsii); {@link #check}
 * asks the CDK whether a value is a token only when it does not match, so valid literals cost no round trip.
 * Not API.
 */
public final class AwsIds {
    private static final String HEX_ID = "([0-9a-f]{8}|[0-9a-f]{17})";
    private static final String REGION = "[a-z]{2,4}(-[a-z]+)+-\\d{1,2}";
    private static final String PARTITION = "aws(-[a-z]+)*";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private AwsIds() {
    }

    /** One identifier format. */
    public enum Format {
        /** A VPC id: {@code vpc-} and 8 or 17 lower-case hex digits. */
        VPC_ID("^vpc-" + HEX_ID + "$", "a VPC id: vpc- and 8 or 17 hex digits", "vpc-0a1b2c3d4e5f67890"),
        /** A Transit Gateway id: {@code tgw-} and 8 or 17 lower-case hex digits. */
        TRANSIT_GATEWAY_ID("^tgw-" + HEX_ID + "$", "a Transit Gateway id: tgw- and 8 or 17 hex digits",
                "tgw-0a1b2c3d4e5f67890"),
        /** A managed prefix list id: {@code pl-} and 8 or 17 lower-case hex digits. */
        PREFIX_LIST_ID("^pl-" + HEX_ID + "$", "a prefix list id: pl- and 8 or 17 hex digits", "pl-6da54004"),
        /** An AWS account id: 12 digits. */
        ACCOUNT_ID("^\\d{12}$", "a 12-digit account id", "111122223333"),
        /** An AWS Organizations organization id. */
        ORGANIZATION_ID("^o-[a-z0-9]{10,32}$", "an organization id: o- and 10 to 32 lower-case letters or digits",
                "o-a1b2c3d4e5"),
        /** A region name, e.g. {@code eu-west-1}, {@code us-gov-west-1}, {@code cn-north-1}. */
        REGION_NAME("^" + REGION + "$", "a region name", "eu-west-1"),
        /** An Availability Zone name: a region name and one letter. */
        AVAILABILITY_ZONE("^" + REGION + "[a-z]$", "an Availability Zone name: the region and one letter",
                "eu-west-1a"),
        /** An Availability Zone or a Local Zone name ({@code us-west-2-lax-1a}): the zones a subnet may be in. */
        ZONE_NAME("^" + REGION + "(-[a-z]+-\\d+)?[a-z]$", "an Availability Zone name (the region and one letter) "
                + "or a Local Zone name", "eu-west-1a"),
        /** An ACM certificate ARN. */
        CERTIFICATE_ARN("^arn:" + PARTITION + ":acm:" + REGION + ":\\d{12}:certificate/" + UUID + "$",
                "an ACM certificate ARN: arn:<partition>:acm:<region>:<account>:certificate/<uuid>",
                "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        /** A KMS key ARN (single- or multi-Region key). */
        KMS_KEY_ARN("^arn:" + PARTITION + ":kms:" + REGION + ":\\d{12}:key/(" + UUID + "|mrk-[0-9a-f]{32})$",
                "a KMS key ARN: arn:<partition>:kms:<region>:<account>:key/<key id>",
                "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        /** An S3 bucket name (general purpose): 3 to 63 lower-case letters, digits, dots and dashes. */
        S3_BUCKET_NAME("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "an S3 bucket name: 3 to 63 lower-case letters, digits, "
                + "dots and dashes, a letter or digit first and last", "org-trail-archive-111122223333"),
        /** A CloudTrail trail ARN. */
        CLOUDTRAIL_ARN("^arn:" + PARTITION + ":cloudtrail:" + REGION + ":\\d{12}:trail/[A-Za-z0-9._-]{3,128}$",
                "a CloudTrail trail ARN: arn:<partition>:cloudtrail:<region>:<account>:trail/<name>",
                "arn:aws:cloudtrail:eu-west-1:111122223333:trail/organization-trail"),
        /** A GuardDuty detector id: 32 lower-case hex digits. */
        DETECTOR_ID("^[0-9a-f]{32}$", "a GuardDuty detector id: 32 hex digits", "12abc34d567e8fa901bc2d34e56789f0"),
        /** An IAM role or user ARN, as {@code aws:PrincipalArn} names it (a path allowed, {@code *} matches any). */
        IAM_PRINCIPAL_ARN("^arn:" + PARTITION + ":iam::\\d{12}:(role|user)/[A-Za-z0-9+=,.@_/*-]{1,512}$",
                "an IAM role or user ARN", "arn:aws:iam::111122223333:role/AuditBreakGlass"),
        /** An SNS topic ARN. */
        SNS_TOPIC_ARN("^arn:" + PARTITION + ":sns:" + REGION + ":\\d{12}:[A-Za-z0-9_-]{1,256}$",
                "an SNS topic ARN", "arn:aws:sns:eu-west-1:111122223333:security-alerts");

        private final Pattern pattern;
        private final String description;
        private final String example;

        Format(final String pattern, final String description, final String example) {
            this.pattern = Pattern.compile(pattern);
            this.description = description;
            this.example = example;
        }

        /** @return whether the literal value has this format (a token never does). */
        public boolean matches(final String value) {
            return value != null && pattern.matcher(value).matches();
        }

        /** @return a valid value, shown in messages. */
        public String example() {
            return example;
        }

        /** @return what the message says is allowed, with the example, e.g. {@code a 12-digit account id, e.g. …}. */
        public String allowed() {
            return description + ", e.g. " + example;
        }
    }

    /**
     * @return whether {@code az} is an Availability Zone of {@code region}: the region's name and one letter
     *     ({@code eu-west-1a} of {@code eu-west-1})
     */
    public static boolean isZoneOf(final String az, final String region) {
        return az != null && region != null && az.length() == region.length() + 1 && az.startsWith(region)
                && Character.isLowerCase(az.charAt(region.length()))
                && Character.isLetter(az.charAt(region.length()));
    }

    /**
     * Adds a problem when a set value does not have the format and is not a CDK token (an unresolved value is
     * checked by CloudFormation at deploy).
     *
     * @return whether the value is unset, a token or well-formed
     */
    public static boolean check(final Problems problems, final ErrorCode code, final String prop, final String value,
                                final Format format) {
        if (value == null || format.matches(value) || Token.isUnresolved(value)) {
            return true;
        }
        problems.add(code, prop, value, format.allowed());
        return false;
    }
}
