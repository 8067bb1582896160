package io.securevpc.endpoints;

import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.IGatewayVpcEndpointService;

/** The services reachable through a gateway endpoint: a route-table entry to the service's prefix list (BP-EP-2). */
public enum GatewayEndpointService {
    /** Amazon S3. */
    S3("s3", "S3", EndpointPolicy.Service.S3),
    /** Amazon DynamoDB. */
    DYNAMODB("dynamodb", "DynamoDb", EndpointPolicy.Service.DYNAMODB);

    private final String shortName;
    private final String idPart;
    private final EndpointPolicy.Service policyService;

    GatewayEndpointService(final String shortName, final String idPart, final EndpointPolicy.Service policyService) {
        this.shortName = shortName;
        this.idPart = idPart;
        this.policyService = policyService;
    }

    /** @return the CDK service, for {@code GatewayVpcEndpoint}. */
    public @NotNull IGatewayVpcEndpointService cdkService() {
        return this == S3 ? GatewayVpcEndpointAwsService.S3 : GatewayVpcEndpointAwsService.DYNAMODB;
    }

    /**
     * @param region the region (a token is fine)
     * @return the name of the AWS-managed prefix list of the service in {@code region}, e.g.
     *     {@code com.amazonaws.eu-west-1.s3}, for {@code PrefixList.fromLookup}
     */
    public @NotNull String prefixListName(final @NotNull String region) {
        return "com.amazonaws." + region + "." + shortName;
    }

    String idPart() {
        return idPart;
    }

    EndpointPolicy.Service policyService() {
        return policyService;
    }
}
