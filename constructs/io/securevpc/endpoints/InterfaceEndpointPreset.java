package io.securevpc.endpoints;

import java.util.List;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;

/** The interface endpoints common workloads need to run without any internet path (BP-EP-1, BP-EP-5). */
public enum InterfaceEndpointPreset {
    /** Instances managed by Systems Manager (Session Manager instead of SSH, patching, inventory). */
    SSM_MANAGED_INSTANCES(List.of(InterfaceVpcEndpointAwsService.SSM, InterfaceVpcEndpointAwsService.SSM_MESSAGES,
            InterfaceVpcEndpointAwsService.EC2_MESSAGES)),
    /**
     * Pulling images from ECR. Layers come from S3: add an S3 gateway endpoint whose policy opts in to
     * {@link EndpointPolicy.S3Builder#ecrImageLayers()}.
     */
    ECR_PULL(List.of(InterfaceVpcEndpointAwsService.ECR, InterfaceVpcEndpointAwsService.ECR_DOCKER)),
    /** Sending logs to CloudWatch Logs (agents, awslogs driver). */
    CLOUDWATCH_LOGS(List.of(InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS)),
    /** Publishing metrics to CloudWatch. */
    CLOUDWATCH_METRICS(List.of(InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING)),
    /** Encrypting and decrypting with KMS keys. */
    KMS(List.of(InterfaceVpcEndpointAwsService.KMS)),
    /** Assuming roles (STS). */
    STS(List.of(InterfaceVpcEndpointAwsService.STS)),
    /** Reading secrets from Secrets Manager. */
    SECRETS_MANAGER(List.of(InterfaceVpcEndpointAwsService.SECRETS_MANAGER));

    private final List<InterfaceVpcEndpointAwsService> services;

    InterfaceEndpointPreset(final List<InterfaceVpcEndpointAwsService> services) {
        this.services = services;
    }

    /** @return the services of the preset. */
    public @NotNull List<InterfaceVpcEndpointAwsService> services() {
        return services;
    }
}
