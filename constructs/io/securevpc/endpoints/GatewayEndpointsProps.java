package io.securevpc.endpoints;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;

/** Props of {@link GatewayEndpoints}. Immutable; build with {@link #builder()}. */
public final class GatewayEndpointsProps {
    private final IVpc vpc;
    private final List<GatewayEndpointService> services;
    private final List<SubnetSelection> subnets;
    private final AccessBoundary accessBoundary;
    private final EndpointPolicy s3Policy;
    private final EndpointPolicy dynamoDbPolicy;

    private GatewayEndpointsProps(final Builder b) {
        RequiredProps.of("GatewayEndpointsProps").require("vpc", b.vpc)
                .elements("services", b.services)
                .elements("subnets", b.subnets)
                .check();
        this.vpc = b.vpc;
        this.services = b.services == null ? null : List.copyOf(b.services);
        this.subnets = b.subnets == null ? null : List.copyOf(b.subnets);
        this.accessBoundary = b.accessBoundary;
        this.s3Policy = b.s3Policy;
        this.dynamoDbPolicy = b.dynamoDbPolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The VPC whose route tables get the endpoints' routes. */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    /**
     * The services, each once.
     *
     * @default - S3 and DynamoDB
     */
    public @Nullable List<GatewayEndpointService> getServices() {
        return services;
    }

    /**
     * The subnets whose route tables get the routes.
     *
     * @default - every private (with egress) and isolated subnet; never a public one
     */
    public @Nullable List<SubnetSelection> getSubnets() {
        return subnets;
    }

    /**
     * Whose callers and resources the default policies allow.
     *
     * @default - {@link AccessBoundary#thisAccount()}
     */
    public @Nullable AccessBoundary getAccessBoundary() {
        return accessBoundary;
    }

    /**
     * The S3 endpoint's policy; written with {@link EndpointPolicy#s3(AccessBoundary)}.
     *
     * @default - {@code EndpointPolicy.s3(accessBoundary).build()}: buckets of the boundary only, no
     *     AWS-owned bucket
     */
    public @Nullable EndpointPolicy getS3Policy() {
        return s3Policy;
    }

    /**
     * The DynamoDB endpoint's policy; written with {@link EndpointPolicy#dynamoDb(AccessBoundary)}.
     *
     * @default - {@code EndpointPolicy.dynamoDb(accessBoundary).build()}: tables of the boundary only
     */
    public @Nullable EndpointPolicy getDynamoDbPolicy() {
        return dynamoDbPolicy;
    }

    /** Builder of {@link GatewayEndpointsProps}. */
    public static final class Builder {
        private IVpc vpc;
        private List<GatewayEndpointService> services;
        private List<SubnetSelection> subnets;
        private AccessBoundary accessBoundary;
        private EndpointPolicy s3Policy;
        private EndpointPolicy dynamoDbPolicy;

        public Builder vpc(final @NotNull IVpc vpc) {
            this.vpc = vpc;
            return this;
        }

        public Builder services(final @Nullable List<GatewayEndpointService> services) {
            this.services = services;
            return this;
        }

        public Builder subnets(final @Nullable List<SubnetSelection> subnets) {
            this.subnets = subnets;
            return this;
        }

        public Builder accessBoundary(final @Nullable AccessBoundary accessBoundary) {
            this.accessBoundary = accessBoundary;
            return this;
        }

        public Builder s3Policy(final @Nullable EndpointPolicy s3Policy) {
            this.s3Policy = s3Policy;
            return this;
        }

        public Builder dynamoDbPolicy(final @Nullable EndpointPolicy dynamoDbPolicy) {
            this.dynamoDbPolicy = dynamoDbPolicy;
            return this;
        }

        public GatewayEndpointsProps build() {
            return new GatewayEndpointsProps(this);
        }
    }
}
