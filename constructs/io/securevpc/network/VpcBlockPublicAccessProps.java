package io.securevpc.network;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Props of {@link VpcBlockPublicAccess}. Immutable; build with {@link #builder()}. */
public final class VpcBlockPublicAccessProps {
    private final BlockPublicAccessMode mode;

    private VpcBlockPublicAccessProps(final Builder b) {
        this.mode = b.mode;
    }

    public static @NotNull Builder builder() {
        return new Builder();
    }

    /**
     * How much of the internet gateway traffic of the account and region is blocked outside excluded subnets.
     * {@link BlockPublicAccessMode#BLOCK_INGRESS} warns at synth.
     *
     * @default - {@link BlockPublicAccessMode#BLOCK_BIDIRECTIONAL}: nothing in or out through internet gateways
     */
    public @Nullable BlockPublicAccessMode getMode() {
        return mode;
    }

    /** Builder of {@link VpcBlockPublicAccessProps}. */
    public static final class Builder {
        private BlockPublicAccessMode mode;

        private Builder() {
        }

        /** @see VpcBlockPublicAccessProps#getMode() */
        public @NotNull Builder mode(final @Nullable BlockPublicAccessMode v) {
            this.mode = v;
            return this;
        }

        public @NotNull VpcBlockPublicAccessProps build() {
            return new VpcBlockPublicAccessProps(this);
        }
    }
}
