package io.securevpc.connectivity;

import org.jetbrains.annotations.Nullable;

/** Props of {@link TransitGateway}. Immutable; build with {@link #builder()}. */
public final class TransitGatewayProps {
    private final Integer amazonSideAsn;
    private final String description;

    private TransitGatewayProps(final Builder b) {
        this.amazonSideAsn = b.amazonSideAsn;
        this.description = b.description;
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

    /** Builder of {@link TransitGatewayProps}. */
    public static final class Builder {
        private Integer amazonSideAsn;
        private String description;

        public Builder amazonSideAsn(final @Nullable Integer amazonSideAsn) {
            this.amazonSideAsn = amazonSideAsn;
            return this;
        }

        public Builder description(final @Nullable String description) {
            this.description = description;
            return this;
        }

        public TransitGatewayProps build() {
            return new TransitGatewayProps(this);
        }
    }
}
