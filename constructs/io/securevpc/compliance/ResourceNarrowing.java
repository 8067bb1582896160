package io.securevpc.compliance;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jetbrains.annotations.NotNull;

/**
 * What narrows an IAM statement whose resource is a wildcard (BP-IAM-1..3), shared by the constructs that write
 * such statements (event-driven remediation, which acts on whatever resource an event names) and by BlueprintChecks'
 * {@code RolePolicyWildcardResourceNarrowed}, which verifies them in the template: a condition on {@link #VPC}, on
 * both {@link #RESOURCE_ACCOUNT} and {@link #REQUESTED_REGION}, or on an {@link #RESOURCE_TAG_PREFIX} key; or actions
 * without resource-level permissions ({@link #NO_RESOURCE_LEVEL_PERMISSIONS}).
 */
public final class ResourceNarrowing {
    /** The VPC of a network interface, security group, subnet, NACL or route table (not of an instance or volume). */
    public static final String VPC = "ec2:Vpc";
    public static final String RESOURCE_ACCOUNT = "aws:ResourceAccount";
    public static final String REQUESTED_REGION = "aws:RequestedRegion";
    public static final String RESOURCE_TAG_PREFIX = "aws:ResourceTag/";

    /**
     * Actions with no resource-level permissions (the Service Authorization Reference lists no resource type for
     * them), which IAM accepts only on {@code *}. Named one by one: {@code ec2:Describe*} is not among them, since
     * some Describe actions do take resources (DescribeInstanceAttribute, DescribeVpcAttribute,
     * DescribeSecurityGroupReferences).
     */
    public static final List<String> NO_RESOURCE_LEVEL_PERMISSIONS = List.of(
            "config:StartConfigurationRecorder", "ec2:DescribeIamInstanceProfileAssociations",
            "ec2:DescribeInstances", "ec2:DescribeNetworkAcls", "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeTags",
            "ec2:DescribeVpcs",
            "sts:GetCallerIdentity");

    private ResourceNarrowing() {
    }

    /**
     * @param keys the condition keys of one statement that have concrete values under a positive operator
     * @return whether they narrow a wildcard resource: {@link #VPC}, an {@link #RESOURCE_TAG_PREFIX} key, or both
     *     {@link #RESOURCE_ACCOUNT} and {@link #REQUESTED_REGION} (keys compared case-insensitively, as IAM does)
     */
    public static boolean narrows(final @NotNull Collection<String> keys) {
        List<String> lower = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        String tag = RESOURCE_TAG_PREFIX.toLowerCase(Locale.ROOT);
        return lower.contains(VPC.toLowerCase(Locale.ROOT))
                || lower.stream().anyMatch(k -> k.startsWith(tag) && k.length() > tag.length())
                || lower.contains(RESOURCE_ACCOUNT.toLowerCase(Locale.ROOT))
                && lower.contains(REQUESTED_REGION.toLowerCase(Locale.ROOT));
    }

    /** @return whether IAM accepts {@code action} only on {@code *} ({@link #NO_RESOURCE_LEVEL_PERMISSIONS}). */
    public static boolean hasNoResourceLevelPermissions(final @NotNull String action) {
        return NO_RESOURCE_LEVEL_PERMISSIONS.stream().anyMatch(action::equalsIgnoreCase);
    }
}
