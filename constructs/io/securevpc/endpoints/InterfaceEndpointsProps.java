package io.securevpc.endpoints;

import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;

/**
 * Props of {@link InterfaceEndpoints}. Give the services (directly or as presets) and who may reach them
 * (security groups or address blocks). Immutable; build with {@link #builder()}.
 */
public final class InterfaceEndpointsProps {
    /** The tier {@link io.securevpc.network.SecureVpc} creates for interface endpoints by default. */
    public static final String DEFAULT_TIER = "endpoints";

    private final IVpc vpc;
    private final List<InterfaceVpcEndpointAwsService> services;
    private final List<InterfaceEndpointPreset> presets;
    private final String tierName;
    private final List<IConnectable> consumers;
    private final List<String> consumerCidrs;
    private final AccessBoundary accessBoundary;
    private final Boolean sharedSecurityGroup;

    private InterfaceEndpointsProps(final Builder b) {
        RequiredProps.of("InterfaceEndpointsProps").require("vpc", b.vpc)
                .elements("services", b.services)
                .elements("presets", b.presets)
                .elements("consumers", b.consumers)
                .elements("consumerCidrs", b.consumerCidrs)
                .check();
        this.vpc = b.vpc;
        this.services = b.services == null ? null : List.copyOf(b.services);
        this.presets = b.presets == null ? null : List.copyOf(b.presets);
        this.tierName = b.tierName;
        this.consumers = b.consumers == null ? null : List.copyOf(b.consumers);
        this.consumerCidrs = b.consumerCidrs == null ? null : List.copyOf(b.consumerCidrs);
        this.accessBoundary = b.accessBoundary;
        this.sharedSecurityGroup = b.sharedSecurityGroup;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The VPC the endpoints live in. */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    /**
     * Services, each once (together with the presets' services).
     *
     * @default - only the presets' services
     */
    public @Nullable List<InterfaceVpcEndpointAwsService> getServices() {
        return services;
    }

    /**
     * Presets whose services are added to {@link #getServices()}.
     *
     * @default - no presets: only the services listed in services
     */
    public @Nullable List<InterfaceEndpointPreset> getPresets() {
        return presets;
    }

    /**
     * The subnet group (tier) whose subnets get one endpoint network interface per AZ.
     *
     * @default - {@value #DEFAULT_TIER}, the tier SecureVpc creates for endpoints
     */
    public @Nullable String getTierName() {
        return tierName;
    }

    /**
     * Security groups (or anything connectable) allowed to reach the endpoints on HTTPS: the preferred way
     * (BP-NET-2). Their groups get the matching egress rule.
     *
     * @default - no consumer groups; InterfaceEndpoints fails (SVPC-014) unless consumers or consumerCidrs name at
     *     least one consumer
     */
    public @Nullable List<IConnectable> getConsumers() {
        return consumers;
    }

    /**
     * IPv4 blocks allowed to reach the endpoints on HTTPS, e.g. {@code secureVpc.tierCidrs("app")}. Never
     * 0.0.0.0/0. Literal blocks keep the stock cdk-nag rules able to check the rules.
     *
     * @default - no consumer CIDRs; InterfaceEndpoints fails (SVPC-014) unless consumers or consumerCidrs name at
     *     least one consumer
     */
    public @Nullable List<String> getConsumerCidrs() {
        return consumerCidrs;
    }

    /**
     * Whose callers the default endpoint policies allow.
     *
     * @default - {@link AccessBoundary#thisAccount()}
     */
    public @Nullable AccessBoundary getAccessBoundary() {
        return accessBoundary;
    }

    /**
     * One security group for every endpoint instead of one each, to stay within the security groups per
     * network interface and rules per group quotas.
     *
     * @default - false: one group per endpoint
     */
    public @Nullable Boolean getSharedSecurityGroup() {
        return sharedSecurityGroup;
    }

    /** Builder of {@link InterfaceEndpointsProps}. */
    public static final class Builder {
        private IVpc vpc;
        private List<InterfaceVpcEndpointAwsService> services;
        private List<InterfaceEndpointPreset> presets;
        private String tierName;
        private List<IConnectable> consumers;
        private List<String> consumerCidrs;
        private AccessBoundary accessBoundary;
        private Boolean sharedSecurityGroup;

        public Builder vpc(final @NotNull IVpc vpc) {
            this.vpc = vpc;
            return this;
        }

        public Builder services(final @Nullable List<InterfaceVpcEndpointAwsService> services) {
            this.services = services;
            return this;
        }

        public Builder presets(final @Nullable List<InterfaceEndpointPreset> presets) {
            this.presets = presets;
            return this;
        }

        public Builder tierName(final @Nullable String tierName) {
            this.tierName = tierName;
            return this;
        }

        public Builder consumers(final @Nullable List<? extends IConnectable> consumers) {
            this.consumers = consumers == null ? null : new ArrayList<>(consumers);
            return this;
        }

        public Builder consumerCidrs(final @Nullable List<String> consumerCidrs) {
            this.consumerCidrs = consumerCidrs;
            return this;
        }

        public Builder accessBoundary(final @Nullable AccessBoundary accessBoundary) {
            this.accessBoundary = accessBoundary;
            return this;
        }

        public Builder sharedSecurityGroup(final @Nullable Boolean sharedSecurityGroup) {
            this.sharedSecurityGroup = sharedSecurityGroup;
            return this;
        }

        public InterfaceEndpointsProps build() {
            return new InterfaceEndpointsProps(this);
        }
    }
}
