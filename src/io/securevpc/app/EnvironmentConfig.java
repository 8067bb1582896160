package io.securevpc.app;

import java.util.List;

/**
 * One environment of the app, read from {@code cdk.json} context: stack name, account, region, AZs and the
 * network profile come from config, never from code.
 *
 * @param name short name, used in descriptions
 * @param stackName CloudFormation stack name
 * @param profile which network shape to build
 * @param cidr the VPC's IPv4 CIDR
 * @param account AWS account id, or {@code null} for an environment-agnostic stack
 * @param region AWS region, or {@code null} for an environment-agnostic stack
 * @param availabilityZones the AZs, given so synth needs no lookup
 * @param blockList address ranges every tier NACL denies (BP-NET-5)
 */
public record EnvironmentConfig(String name, String stackName, Profile profile, String cidr, String account,
                                String region, List<String> availabilityZones, List<BlockedRange> blockList) {

    /** A blocked range and why; the CIDR is checked by the SecureVpc that receives it. */
    public record BlockedRange(String cidr, String reason) {
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
