package io.securevpc.network;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.IVpc;

/** Props of {@link TierSecurityGroup}. */
public final class TierSecurityGroupProps {
    private final IVpc vpc;
    private final String description;
    private final List<PortRange> publicIngressPorts;

    private TierSecurityGroupProps(final Builder b) {
        RequiredProps.of("TierSecurityGroupProps").require("vpc", b.vpc).require("description", b.description)
                .elements("publicIngressPorts", b.publicIngressPorts)
                .check();
        this.vpc = b.vpc;
        this.description = b.description;
        this.publicIngressPorts = b.publicIngressPorts == null ? null : List.copyOf(b.publicIngressPorts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the VPC the group belongs to. */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    /** @return who the members are (shown in the console and in audits). */
    public @NotNull String getDescription() {
        return description;
    }

    /**
     * Ports open to 0.0.0.0/0: for an internet-facing load balancer only. A weakening: warns at synth, and
     * the stock packs report it (AwsSolutions-EC23) until acknowledged on that group.
     *
     * @default - no port is open to the internet
     */
    public @Nullable List<PortRange> getPublicIngressPorts() {
        return publicIngressPorts;
    }

    /** Builder of {@link TierSecurityGroupProps}. */
    public static final class Builder {
        private IVpc vpc;
        private String description;
        private List<PortRange> publicIngressPorts;

        public Builder vpc(final @NotNull IVpc v) {
            this.vpc = v;
            return this;
        }

        public Builder description(final @NotNull String v) {
            this.description = v;
            return this;
        }

        /** @see TierSecurityGroupProps#getPublicIngressPorts() */
        public Builder publicIngressPorts(final @Nullable List<PortRange> v) {
            this.publicIngressPorts = v;
            return this;
        }

        public TierSecurityGroupProps build() {
            return new TierSecurityGroupProps(this);
        }
    }
}
