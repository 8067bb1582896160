package io.securevpc.internal;

import java.util.List;

/**
 * The AWS regions known to the project, so that a typo'd region (e.g. {@code eu-wset-1}) is refused instead of
 * synthesizing templates that cannot be deployed. The app refuses a region not listed here unless its
 * environment sets {@code allowUnlistedRegion: true} (a region newer than this list).
 *
 * <p>Source: AWS General Reference, "AWS Regions" (docs.aws.amazon.com/global-infrastructure/latest/regions),
 * as of 2026-12-02: every region of the commercial ({@code aws}), AWS GovCloud (US) ({@code aws-us-gov}) and
 * China ({@code aws-cn}) partitions. Add a region here when AWS launches one. Not API.
 */
public final class AwsRegions {
    /** Commercial partition ({@code aws}). */
    public static final List<String> COMMERCIAL = List.of(
            "af-south-1",
            "ap-east-1", "ap-east-2",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2",
            "eu-north-1",
            "eu-south-1", "eu-south-2",
            "eu-west-1", "eu-west-2", "eu-west-3",
            "il-central-1",
            "me-central-1", "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1", "us-east-2",
            "us-west-1", "us-west-2");
    /** AWS GovCloud (US) partition ({@code aws-us-gov}). */
    public static final List<String> GOV_CLOUD = List.of("us-gov-east-1", "us-gov-west-1");
    /** China partition ({@code aws-cn}). */
    public static final List<String> CHINA = List.of("cn-north-1", "cn-northwest-1");

    private AwsRegions() {
    }

    /** @return whether the region is one of {@link #COMMERCIAL}, {@link #GOV_CLOUD} or {@link #CHINA} */
    public static boolean isListed(final String region) {
        return COMMERCIAL.contains(region) || GOV_CLOUD.contains(region) || CHINA.contains(region);
    }

    /** @return the listed region closest to a typo'd one (fewest single-character edits), for the message */
    public static String closest(final String region) {
        String best = COMMERCIAL.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (List<String> partition : List.of(COMMERCIAL, GOV_CLOUD, CHINA)) {
            for (String known : partition) {
                int d = distance(region, known);
                if (d < bestDistance) {
                    best = known;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private static int distance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
