package io.securevpc.compliance;

/**
 * The tag that marks a VPC whose DNS must pass a Route 53 Resolver DNS Firewall (BP-NET-6): {@value #TAG_KEY} =
 * {@value #TAG_VALUE}. BlueprintChecks' {@code VpcDnsFirewallRequired} (an error) checks the VPCs so marked, and
 * {@code VpcDnsFirewall} (a warning) the others. The app marks the VPCs of its regulated profile.
 */
public final class DnsFirewallRequirement {
    /** The tag key. */
    public static final String TAG_KEY = "securevpc:dns-firewall";
    /** The tag value that marks a DNS Firewall as required. */
    public static final String TAG_VALUE = "required";

    private DnsFirewallRequirement() {
    }
}
