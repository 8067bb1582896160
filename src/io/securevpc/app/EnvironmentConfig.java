package io.securevpc.app;

import com.fasterxml.jackson.annotation.JsonValue;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.AwsRegions;
import io.securevpc.internal.Ipv4Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One environment of the app, read from {@code cdk.json} context: stack name, account, region, AZs, the
 * {@link Profile} and the network {@link Shape} come from config, never from code. Each key is described in
 * {@code docs/config.md}.
 *
 * @param name short name, used in descriptions, tags and (by default) the stack name and connection ids
 * @param stackName CloudFormation stack name; {@code SecureVpc-<name>} when not given
 * @param profile what differs between development, production and regulated environments ({@link Profile})
 * @param shape which network shape to build
 * @param cidr the VPC's IPv4 CIDR
 * @param account AWS account id, or {@code null} for an environment-agnostic stack
 * @param region AWS region, or {@code null} for an environment-agnostic stack; one of {@link AwsRegions} unless
 *     {@code allowUnlistedRegion}
 * @param allowUnlistedRegion accept a well-formed region that {@link AwsRegions} does not list (one newer than the
 *     list); {@code null} (false) refuses it, so that a typo'd region is not synthesized
 * @param availabilityZones the AZs, given so synth needs no lookup
 * @param gatewayPrefixLists the ids of the region's AWS-managed prefix lists of S3 and DynamoDB, given so synth needs
 *     no lookup; required by the private-only shape, whose workloads reach those services only through their
 *     gateway endpoints (BP-EP-4)
 * @param blockList address ranges every tier NACL denies (BP-NET-5); empty when not given
 * @param alertSubscriptions who receives the security alarms and alerts of the environment's account and region;
 *     {@code null} when not given
 * @param requireAlertSubscriptions refuse the configuration when {@code alertSubscriptions} names nobody, as the
 *     {@code prod} and {@code regulated} profiles always do; {@code null} (false) leaves it to the profile: a
 *     {@code dev} environment without subscribers is accepted, and the topics' constructs warn at synth
 * @param dnsFirewallDomainListIds the ids ({@code rslvr-fdl-...}) of the region's AWS-managed DNS Firewall domain lists
 *     to block (BP-NET-6), given like the AZs so synth needs no lookup; empty when not given
 * @param existingBaseline what the environment's account and region already have (an organization or Control Tower
 *     trail, Config recorder, GuardDuty detector, Security Hub, Config's service-linked role): the app creates none
 *     of it; {@code null} when not given (the app creates the whole baseline)
 * @param organizationTrail make the account's trail an organization trail writing to a separate log archive account
 *     (the environment's account is then the organization's management or delegated administrator account);
 *     {@code null}: the trail is the account's own, writing to the audit stack's archive
 */
public record EnvironmentConfig(@Required String name, String stackName, @Required Profile profile,
                                @Required Shape shape, @Required String cidr, String account, String region,
                                Boolean allowUnlistedRegion, @Required List<String> availabilityZones,
                                GatewayPrefixLists gatewayPrefixLists, List<BlockedRange> blockList,
                                AlertSubscriptions alertSubscriptions, Boolean requireAlertSubscriptions,
                                List<String> dnsFirewallDomainListIds, ExistingBaseline existingBaseline,
                                OrganizationTrail organizationTrail) {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,30}$");
    private static final Pattern DOMAIN_LIST_ID = Pattern.compile("^rslvr-fdl-[0-9a-f]{8,32}$");
    private static final Pattern STACK_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,127}$");

    public EnvironmentConfig {
        availabilityZones = ConfigReader.copy(availabilityZones);
        blockList = ConfigReader.listOrEmpty(blockList);
        dnsFirewallDomainListIds = ConfigReader.listOrEmpty(dnsFirewallDomainListIds);
    }

    /** @return the stack name given, or {@code SecureVpc-<name>}. */
    @Override
    public String stackName() {
        return stackName != null || name == null ? stackName : "SecureVpc-" + name;
    }

    /**
     * The AWS-managed prefix lists of the gateway endpoints' services in the environment's region
     * ({@code com.amazonaws.<region>.s3} and {@code com.amazonaws.<region>.dynamodb}): their ids differ per region
     * and are given, like the AZs, so synth needs no AWS lookup.
     *
     * @param s3 the id of {@code com.amazonaws.<region>.s3}, e.g. {@code pl-6da54004} in eu-west-1
     * @param dynamodb the id of {@code com.amazonaws.<region>.dynamodb}, e.g. {@code pl-6fa54006} in eu-west-1
     * @param cidrs the entries of both prefix lists (IPv4 CIDRs, from {@code aws ec2 get-managed-prefix-list-entries}):
     *     the workload tiers' NACLs then send HTTPS to them and take the return traffic from them only (BP-NET-4);
     *     {@code null} or empty: the NACLs send HTTPS to 0.0.0.0/0 and take its return traffic from anywhere (a
     *     weakening that warns at synth; the route tables, whose only routes out are the gateway endpoints', still
     *     confine that traffic to S3 and DynamoDB). AWS adds ranges to these lists: a stale copy blocks them.
     */
    public record GatewayPrefixLists(@Required String s3, @Required String dynamodb, List<String> cidrs) {
        public GatewayPrefixLists {
            cidrs = ConfigReader.copy(cidrs);
        }
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
        if (shape == null) {
            reader.add(key + ".shape", null, "one of " + ConfigReader.enumNames(Shape.class));
        }
        checkPrefixLists(key + ".gatewayPrefixLists", reader);
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
        if (existingBaseline != null) {
            existingBaseline.validate(key + ".existingBaseline", account, reader);
        }
        if (organizationTrail != null) {
            organizationTrail.validate(key + ".organizationTrail", account, region, reader);
            if (existingBaseline != null && existingBaseline.trail() != null) {
                reader.add(key + ".organizationTrail", "(an organization trail)", "unset when existingBaseline.trail "
                        + "adopts the account's trail: the app creates no trail then");
            }
        }
        for (int i = 0; i < dnsFirewallDomainListIds.size(); i++) {
            String id = dnsFirewallDomainListIds.get(i);
            if (id == null || !DOMAIN_LIST_ID.matcher(id).matches()) {
                reader.add(key + ".dnsFirewallDomainListIds[" + i + "]", id, "the id of an AWS-managed DNS Firewall "
                        + "domain list of the region: rslvr-fdl- and 8 to 32 hexadecimal digits (aws route53resolver "
                        + "list-firewall-domain-lists)");
            }
        }
    }

    /** @return whether the environment must name who receives its alerts: its profile's or its own choice */
    public boolean alertSubscriptionsRequired() {
        return Boolean.TRUE.equals(requireAlertSubscriptions) || profile != null && profile.requireAlertSubscriptions();
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

    /** The private-only shape needs the prefix lists; ids given anywhere must be well-formed. */
    private void checkPrefixLists(final String key, final ConfigReader reader) {
        String where = region != null ? region : "<region>";
        if (gatewayPrefixLists == null) {
            if (shape == Shape.PRIVATE_ONLY) {
                reader.add(key, null, "an object with the ids of the prefix lists com.amazonaws." + where + ".s3 and "
                        + "com.amazonaws." + where + ".dynamodb ('s3', 'dynamodb'): a private-only environment's "
                        + "workloads reach S3 and DynamoDB only through their gateway endpoints, and their security "
                        + "groups allow HTTPS to those prefix lists (BP-EP-4); find the ids with aws ec2 "
                        + "describe-managed-prefix-lists --region " + where);
            }
            return;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("s3", gatewayPrefixLists.s3());
        ids.put("dynamodb", gatewayPrefixLists.dynamodb());
        ids.forEach((service, id) -> {
            if (id == null || !AwsIds.Format.PREFIX_LIST_ID.matches(id)) {
                reader.add(key + "." + service, id, "the id of the AWS-managed prefix list com.amazonaws." + where
                        + "." + service + ": " + AwsIds.Format.PREFIX_LIST_ID.allowed());
            }
        });
        List<String> cidrs = gatewayPrefixLists.cidrs();
        for (int i = 0; cidrs != null && i < cidrs.size(); i++) {
            String c = cidrs.get(i);
            if (c == null || Ipv4Cidr.parse(c).isEmpty() || c.startsWith("0.0.0.0/")) {
                reader.add(key + ".cidrs[" + i + "]", c, "an IPv4 CIDR of the prefix lists' entries, e.g. "
                        + "52.218.0.0/17 (not 0.0.0.0/0: leave 'cidrs' out for that)");
            }
        }
    }

    private static void check(final String key, final String value, final Pattern pattern, final String allowed,
                              final ConfigReader reader) {
        if (value == null || !pattern.matcher(value).matches()) {
            reader.add(key, value, allowed);
        }
    }

    /** The network shapes the app ships; the {@link Profile} is chosen separately. */
    public enum Shape {
        /** Isolated tiers and interface endpoints: no internet path at all (BP-EP-1). */
        PRIVATE_ONLY("private-only", List.of("app", "data", "endpoints")),
        /** Public load-balancer tier, private-with-egress application tier, isolated data tier, NAT per AZ. */
        THREE_TIER("three-tier", List.of("app", "data"));

        private final String configName;
        private final List<String> privateTiers;

        Shape(final String configName, final List<String> privateTiers) {
            this.configName = configName;
            this.privateTiers = privateTiers;
        }

        /** @return the name the configuration uses for the shape. */
        @JsonValue
        public String configName() {
            return configName;
        }

        /** @return the tiers whose workloads have a security group of their own: the PrivateLink providers' tiers. */
        public List<String> workloadTiers() {
            return List.of("app", "data");
        }

        /**
         * @return the shape's private and isolated tiers: the ones connections may route from (never a public
         *     tier, BP-NET-10); the {@code transit} tier the app adds for a Transit Gateway attachment is not one
         */
        public List<String> privateTiers() {
            return privateTiers;
        }
    }
}
