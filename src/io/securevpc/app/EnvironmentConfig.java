package io.securevpc.app;

import com.fasterxml.jackson.annotation.JsonValue;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.AwsRegions;
import io.securevpc.internal.Ipv4Cidr;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One environment of the app, read from {@code cdk.json} context: stack name, account, region, AZs and the
 * network profile come from config, never from code. Each key is described in {@code docs/config.md}.
 *
 * @param name short name, used in descriptions, tags and (by default) the stack name and connection ids
 * @param stackName CloudFormation stack name; {@code SecureVpc-<name>} when not given
 * @param profile which network shape to build
 * @param cidr the VPC's IPv4 CIDR
 * @param account AWS account id, or {@code null} for an environment-agnostic stack
 * @param region AWS region, or {@code null} for an environment-agnostic stack; one of {@link AwsRegions} unless
 *     {@code allowUnlistedRegion}
 * @param allowUnlistedRegion accept a well-formed region that {@link AwsRegions} does not list (one newer than the
 *     list); {@code null} (false) refuses it, so that a typo'd region is not synthesized
 * @param availabilityZones the AZs, given so synth needs no lookup
 * @param blockList address ranges every tier NACL denies (BP-NET-5); empty when not given
 * @param alertSubscriptions who receives the security alarms and alerts of the environment's account and region;
 *     {@code null} when not given
 * @param requireAlertSubscriptions refuse the configuration when {@code alertSubscriptions} names nobody;
 *     {@code null} (false) accepts it, and the topics' constructs warn at synth
 */
public record EnvironmentConfig(@Required String name, String stackName, @Required Profile profile,
                                @Required String cidr, String account, String region,
                                Boolean allowUnlistedRegion, @Required List<String> availabilityZones,
                                List<BlockedRange> blockList, AlertSubscriptions alertSubscriptions,
                                Boolean requireAlertSubscriptions) {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,30}$");
    private static final Pattern STACK_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,127}$");

    public EnvironmentConfig {
        availabilityZones = ConfigReader.copy(availabilityZones);
        blockList = ConfigReader.listOrEmpty(blockList);
    }

    /** @return the stack name given, or {@code SecureVpc-<name>}. */
    @Override
    public String stackName() {
        return stackName != null || name == null ? stackName : "SecureVpc-" + name;
    }

    /**
     * A blocked range and why; the CIDR is checked by the SecureVpc that receives it.
     *
     * @param cidr the IPv4 or IPv6 range
     * @param reason why it is blocked (for the people reading the configuration; not written to templates)
     */
    public record BlockedRange(@Required String cidr, @Required String reason) {
    }

    /** Checks the values of this environment (the reader has checked their JSON types). */
    void validate(final String key, final ConfigReader reader) {
        check(key + ".name", name, NAME, "lower-case letters, digits, dashes (a letter first, at most 31)", reader);
        if (stackName != null) {
            check(key + ".stackName", stackName, STACK_NAME, "letters, digits, dashes (a letter first, at most 128)",
                    reader);
        }
        if (profile == null) {
            reader.add(key + ".profile", null, "one of " + ConfigReader.enumNames(Profile.class));
        }
        if (cidr == null) {
            reader.add(key + ".cidr", null, "an IPv4 CIDR");
        } else if (Ipv4Cidr.parse(cidr).isEmpty()) {
            reader.add(key + ".cidr", cidr, "an IPv4 CIDR with no host bits set");
        }
        if (account != null && !AwsIds.Format.ACCOUNT_ID.matches(account)) {
            reader.add(key + ".account", account, AwsIds.Format.ACCOUNT_ID.allowed());
        }
        boolean regionValid = region == null || checkRegion(key + ".region", region, reader);
        if (availabilityZones == null || availabilityZones.size() < 2 || availabilityZones.size() > 6
                || availabilityZones.contains(null)) {
            reader.add(key + ".availabilityZones", availabilityZones,
                    "a list of 2 to 6 Availability Zone names (given, so synth needs no AWS lookup)");
        } else if (regionValid) {
            checkZones(key + ".availabilityZones", reader);
        }
        for (int i = 0; i < blockList.size(); i++) {
            BlockedRange b = blockList.get(i);
            String k = key + ".blockList[" + i + "]";
            if (b == null) {
                reader.add(k, null, "an object with 'cidr' and a non-empty 'reason'");
                continue;
            }
            if (b.cidr() == null) {
                reader.add(k + ".cidr", null, "the IPv4 or IPv6 range to deny");
            }
            if (b.reason() == null || b.reason().isBlank()) {
                reader.add(k + ".reason", b.reason(), "a non-empty 'reason': why the range is blocked");
            }
        }
        if (alertSubscriptions != null) {
            alertSubscriptions.validate(key + ".alertSubscriptions", reader);
        }
        if (Boolean.TRUE.equals(requireAlertSubscriptions)
                && (alertSubscriptions == null || alertSubscriptions.isEmpty())) {
            reader.add(key + ".alertSubscriptions", alertSubscriptions == null ? null : "{}",
                    "at least one of emails, httpsEndpoints or topicArn: requireAlertSubscriptions is true, so the "
                            + "security alarms and alerts must reach someone");
        }
    }

    /** @return whether the region is well-formed and listed (or explicitly allowed unlisted) */
    private boolean checkRegion(final String key, final String name, final ConfigReader reader) {
        if (!AwsIds.Format.REGION_NAME.matches(name)) {
            reader.add(key, name, AwsIds.Format.REGION_NAME.allowed());
            return false;
        }
        if (!AwsRegions.isListed(name) && !Boolean.TRUE.equals(allowUnlistedRegion)) {
            reader.add(key, name, "a region AWS has (did you mean " + AwsRegions.closest(name)
                    + "?); for a region newer than the blueprint's list, set allowUnlistedRegion: true");
            return false;
        }
        return true;
    }

    /**
     * Each zone is the region and one letter, listed once. Without a region (an environment-agnostic stack), the
     * zones are of one region, the first zone's, which must be well-formed and listed as a region is.
     */
    private void checkZones(final String key, final ConfigReader reader) {
        String zoneRegion = region;
        if (zoneRegion == null) {
            String first = availabilityZones.get(0);
            if (!AwsIds.Format.AVAILABILITY_ZONE.matches(first)) {
                reader.add(key + "[0]", first, AwsIds.Format.AVAILABILITY_ZONE.allowed());
                return;
            }
            zoneRegion = first.substring(0, first.length() - 1);
            if (!checkRegion(key + "[0]", zoneRegion, reader)) {
                return;
            }
        }
        for (int i = 0; i < availabilityZones.size(); i++) {
            String az = availabilityZones.get(i);
            if (!AwsIds.isZoneOf(az, zoneRegion)) {
                reader.add(key + "[" + i + "]", az, "a zone of the region " + zoneRegion
                        + ": the region and one letter, e.g. " + zoneRegion + "a");
            } else if (availabilityZones.subList(0, i).contains(az)) {
                reader.add(key + "[" + i + "]", az, "a zone not listed before");
            }
        }
    }

    private static void check(final String key, final String value, final Pattern pattern, final String allowed,
                              final ConfigReader reader) {
        if (value == null || !pattern.matcher(value).matches()) {
            reader.add(key, value, allowed);
        }
    }

    /** The network shapes the app ships. */
    public enum Profile {
        /** Isolated tiers and interface endpoints: no internet path at all (BP-EP-1). */
        PRIVATE_ONLY("private-only", List.of("app", "data", "endpoints")),
        /** Public load-balancer tier, private-with-egress application tier, isolated data tier, NAT per AZ. */
        THREE_TIER("three-tier", List.of("app", "data"));

        private final String configName;
        private final List<String> privateTiers;

        Profile(final String configName, final List<String> privateTiers) {
            this.configName = configName;
            this.privateTiers = privateTiers;
        }

        /** @return the name the configuration uses for the profile. */
        @JsonValue
        public String configName() {
            return configName;
        }

        /** @return the tiers whose workloads have a security group of their own: the PrivateLink providers' tiers. */
        public List<String> workloadTiers() {
            return List.of("app", "data");
        }

        /**
         * @return the profile's private and isolated tiers: the ones connections may route from (never a public
         *     tier, BP-NET-10); the {@code transit} tier the app adds for a Transit Gateway attachment is not one
         */
        public List<String> privateTiers() {
            return privateTiers;
        }
    }
}
