package io.securevpc.connectivity;

import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Props of {@link TransitGateway}. Immutable; build with {@link #builder()}. */
public final class TransitGatewayProps {
    private final Integer amazonSideAsn;
    private final String description;
    private final Boolean flowLogs;
    private final IKey flowLogKey;
    private final RetentionDays flowLogRetention;

    private TransitGatewayProps(final Builder b) {
        this.amazonSideAsn = b.amazonSideAsn;
        this.description = b.description;
        this.flowLogs = b.flowLogs;
        this.flowLogKey = b.flowLogKey;
        this.flowLogRetention = b.flowLogRetention;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The private ASN of the Amazon side of BGP sessions (VPN, Direct Connect): 64512-65534.
     *
     * @default - 64512 (the AWS default)
     */
    public @Nullable Integer getAmazonSideAsn() {
        return amazonSideAsn;
    }

    /**
     * What the Transit Gateway connects.
     *
     * @default - "Transit Gateway of &lt;construct path&gt;: no default association or propagation"
     */
    public @Nullable String getDescription() {
        return description;
    }

    /**
     * Whether the Transit Gateway's flow logs (every attachment's traffic through it, all fields of the Transit Gateway
     * record format) go to a CloudWatch Logs group (BP-MON-1). False is a weakening and warns at synth.
     *
     * @default - true
     */
    public @Nullable Boolean getFlowLogs() {
        return flowLogs;
    }

    /**
     * The key that encrypts the flow-log group, e.g. a VPC's flow-log key ({@code ISecureVpc.getFlowLogKey()}); its
     * policy must let CloudWatch Logs of this account and region use it.
     *
     * @default - a key created with the log group, with rotation, for CloudWatch Logs of this account and region
     */
    public @Nullable IKey getFlowLogKey() {
        return flowLogKey;
    }

    /**
     * How long the flow logs are kept: pass the connected VPCs' flow-log retention.
     *
     * @default - one year, as SecureVpc's flow logs
     */
    public @Nullable RetentionDays getFlowLogRetention() {
        return flowLogRetention;
    }

    /** Builder of {@link TransitGatewayProps}. */
    public static final class Builder {
        private Integer amazonSideAsn;
        private String description;
        private Boolean flowLogs;
        private IKey flowLogKey;
        private RetentionDays flowLogRetention;

        public Builder amazonSideAsn(final @Nullable Integer amazonSideAsn) {
            this.amazonSideAsn = amazonSideAsn;
            return this;
        }

        public Builder description(final @Nullable String description) {
            this.description = description;
            return this;
        }

        /** @see TransitGatewayProps#getFlowLogs() */
        public Builder flowLogs(final @Nullable Boolean flowLogs) {
            this.flowLogs = flowLogs;
            return this;
        }

        /** @see TransitGatewayProps#getFlowLogKey() */
        public Builder flowLogKey(final @Nullable IKey flowLogKey) {
            this.flowLogKey = flowLogKey;
            return this;
        }

        /** @see TransitGatewayProps#getFlowLogRetention() */
        public Builder flowLogRetention(final @Nullable RetentionDays flowLogRetention) {
            this.flowLogRetention = flowLogRetention;
            return this;
        }

        public TransitGatewayProps build() {
            return new TransitGatewayProps(this);
        }
    }
}
