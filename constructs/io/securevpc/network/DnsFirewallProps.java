package io.securevpc.network;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.IVpc;

/** Props of {@link DnsFirewall}. Immutable; build with {@link #builder()}. */
public final class DnsFirewallProps {
    private final IVpc vpc;
    private final List<String> managedDomainListIds;
    private final List<String> allowedDomains;
    private final Boolean failOpen;

    private DnsFirewallProps(final Builder b) {
        RequiredProps.of("DnsFirewallProps").require("vpc", b.vpc)
                .elements("managedDomainListIds", b.managedDomainListIds)
                .elements("allowedDomains", b.allowedDomains).check();
        this.vpc = b.vpc;
        this.managedDomainListIds = b.managedDomainListIds == null ? null : List.copyOf(b.managedDomainListIds);
        this.allowedDomains = b.allowedDomains == null ? null : List.copyOf(b.allowedDomains);
        this.failOpen = b.failOpen;
    }

    public static @NotNull Builder builder() {
        return new Builder();
    }

    /** @return the VPC whose DNS queries to the Amazon-provided resolver are filtered */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    /**
     * The ids ({@code rslvr-fdl-...}) of the AWS-managed domain lists to block with NXDOMAIN in the VPC's region:
     * {@code AWSManagedDomainsMalwareDomainList}, {@code AWSManagedDomainsBotnetCommandandControl},
     * {@code AWSManagedDomainsAggregateThreatList} (list them with
     * {@code aws route53resolver list-firewall-domain-lists --region <region>}). The ids differ per region, so they
     * are configuration, not looked up at synth. Required unless {@code allowedDomains} is given.
     *
     * @default - none blocked: only allowed with {@code allowedDomains}, which blocks every other domain anyway
     */
    public @Nullable List<String> getManagedDomainListIds() {
        return managedDomainListIds;
    }

    /**
     * Allow-list mode, for a VPC that needs to resolve only known names (the private-only shape): these domains
     * ({@code example.com}, {@code *.amazonaws.com}) are allowed and every other query gets NXDOMAIN. Queries for the
     * VPC's own names (private hosted zones, interface endpoints' private DNS) are filtered too: allow them here.
     *
     * @default - deny-list mode: everything resolves except the managed lists' domains
     */
    public @Nullable List<String> getAllowedDomains() {
        return allowedDomains;
    }

    /**
     * Whether DNS queries are answered unfiltered when the firewall cannot evaluate them ({@code FirewallFailOpen}).
     * {@code true} (a synth warning) favours availability over filtering.
     *
     * @default - false: fail closed, a query the firewall cannot evaluate is not answered
     */
    public @Nullable Boolean getFailOpen() {
        return failOpen;
    }

    /** Builder of {@link DnsFirewallProps}. */
    public static final class Builder {
        private IVpc vpc;
        private List<String> managedDomainListIds;
        private List<String> allowedDomains;
        private Boolean failOpen;

        private Builder() {
        }

        /** @see DnsFirewallProps#getVpc() */
        public @NotNull Builder vpc(final @NotNull IVpc v) {
            this.vpc = v;
            return this;
        }

        /** @see DnsFirewallProps#getManagedDomainListIds() */
        public @NotNull Builder managedDomainListIds(final @Nullable List<String> v) {
            this.managedDomainListIds = v;
            return this;
        }

        /** @see DnsFirewallProps#getAllowedDomains() */
        public @NotNull Builder allowedDomains(final @Nullable List<String> v) {
            this.allowedDomains = v;
            return this;
        }

        /** @see DnsFirewallProps#getFailOpen() */
        public @NotNull Builder failOpen(final @Nullable Boolean v) {
            this.failOpen = v;
            return this;
        }

        public @NotNull DnsFirewallProps build() {
            return new DnsFirewallProps(this);
        }
    }
}
