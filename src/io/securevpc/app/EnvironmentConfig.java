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
        PRIVATE_ONLY("private-only"),
        /** Public load-balancer tier, private-with-egress application tier, isolated data tier, NAT per AZ. */
        THREE_TIER("three-tier");

        private final String configName;

        Profile(final String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }
}
