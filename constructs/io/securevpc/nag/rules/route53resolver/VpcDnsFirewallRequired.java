package io.securevpc.nag.rules.route53resolver;

import io.securevpc.compliance.DnsFirewallRequirement;

/**
 * BP-NET-6, as an error: {@link VpcDnsFirewall}'s check on the VPCs tagged {@link DnsFirewallRequirement} (the app
 * tags a regulated environment's VPC), where a VPC whose DNS is unfiltered must be fixed or acknowledged with a
 * reason, not merely reported.
 */
public final class VpcDnsFirewallRequired extends VpcDnsFirewall {
    @Override
    boolean checksRequired() {
        return true;
    }
}
