package io.securevpc.connectivity;

import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IInterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.IVpc;

/** Props of {@link PrivateLinkEndpoint}. Immutable; build with {@link #builder()}. */
public final class PrivateLinkEndpointProps {
    private final IVpc vpc;
    private final IInterfaceVpcEndpointService service;
    private final String tierName;
    private final List<IConnectable> consumers;
    private final List<String> consumerCidrs;
    private final Boolean privateDnsEnabled;

    private PrivateLinkEndpointProps(final Builder b) {
        RequiredProps.of("PrivateLinkEndpointProps").require("vpc", b.vpc).require("service", b.service)
                .elements("consumers", b.consumers)
                .elements("consumerCidrs", b.consumerCidrs)
                .check();
        this.vpc = b.vpc;
        this.service = b.service;
        this.tierName = b.tierName;
        this.consumers = b.consumers == null ? null : List.copyOf(b.consumers);
        this.consumerCidrs = b.consumerCidrs == null ? null : List.copyOf(b.consumerCidrs);
        this.privateDnsEnabled = b.privateDnsEnabled;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The consumer's VPC. */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    /** The provider's service: {@code new InterfaceVpcEndpointService(serviceName, port)}. */
    public @NotNull IInterfaceVpcEndpointService getService() {
        return service;
    }

    /**
     * The tier whose subnets get the endpoint's network interfaces, one per AZ.
     *
     * @default - "endpoints", the tier SecureVpc creates for endpoints
     */
    public @Nullable String getTierName() {
        return tierName;
    }

    /**
     * Security groups allowed to reach the endpoint on the service port; with consumerCidrs, at least one.
     *
     * @default - no security group reaches the endpoint (then consumerCidrs must name a block)
     */
    public @Nullable List<IConnectable> getConsumers() {
        return consumers;
    }

    /**
     * IPv4 blocks allowed to reach the endpoint on the service port, never 0.0.0.0/0.
     *
     * @default - no block reaches the endpoint (then consumers must name a security group)
     */
    public @Nullable List<String> getConsumerCidrs() {
        return consumerCidrs;
    }

    /**
     * Private DNS: only when the provider has verified a private DNS name for the service.
     *
     * @default - false: consumers use the endpoint's own DNS names
     */
    public @Nullable Boolean getPrivateDnsEnabled() {
        return privateDnsEnabled;
    }

    /** Builder of {@link PrivateLinkEndpointProps}. */
    public static final class Builder {
        private IVpc vpc;
        private IInterfaceVpcEndpointService service;
        private String tierName;
        private List<IConnectable> consumers;
        private List<String> consumerCidrs;
        private Boolean privateDnsEnabled;

        public Builder vpc(final @NotNull IVpc vpc) {
            this.vpc = vpc;
            return this;
        }

        public Builder service(final @NotNull IInterfaceVpcEndpointService service) {
            this.service = service;
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

        public Builder privateDnsEnabled(final @Nullable Boolean privateDnsEnabled) {
            this.privateDnsEnabled = privateDnsEnabled;
            return this;
        }

        public PrivateLinkEndpointProps build() {
            return new PrivateLinkEndpointProps(this);
        }
    }
}
