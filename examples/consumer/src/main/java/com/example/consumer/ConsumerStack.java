package com.example.consumer;

import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.endpoints.AccessBoundary;
import io.securevpc.endpoints.EndpointPolicy;
import io.securevpc.endpoints.GatewayEndpoints;
import io.securevpc.endpoints.GatewayEndpointsProps;
import io.securevpc.endpoints.InterfaceEndpointPreset;
import io.securevpc.endpoints.InterfaceEndpoints;
import io.securevpc.endpoints.InterfaceEndpointsProps;
import io.securevpc.network.DnsFirewall;
import io.securevpc.network.DnsFirewallProps;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.TierSecurityGroup;
import io.securevpc.network.VpcBlockPublicAccess;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/** A team's stack: the blueprint's VPC and endpoints, and the team's own plain constructs. */
public class ConsumerStack extends Stack {
    public ConsumerStack(final Construct scope, final String id, final StackProps props) {
        super(scope, id, props);

        // The network: isolated tiers (workload, endpoints), no internet path, flow logs (AZs given: no lookup).
        SecureVpc network = SecureVpc.Builder.create(this, "Network")
                .cidr("10.40.0.0/16")
                .availabilityZones(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"))
                .build();
        TierSecurityGroup app = TierSecurityGroup.Builder.create(this, "App").vpc(network.getVpc())
                .description("Application instances").build();

        // Private access to AWS services, reached only by the application's security group.
        new InterfaceEndpoints(this, "InterfaceEndpoints", InterfaceEndpointsProps.builder()
                .vpc(network.getVpc())
                .presets(List.of(InterfaceEndpointPreset.SSM_MANAGED_INSTANCES, InterfaceEndpointPreset.CLOUDWATCH_LOGS,
                        InterfaceEndpointPreset.KMS))
                .consumers(List.of(app))
                .build());
        new GatewayEndpoints(this, "GatewayEndpoints", GatewayEndpointsProps.builder()
                .vpc(network.getVpc())
                .s3Policy(EndpointPolicy.s3(AccessBoundary.thisAccount()).build())
                .build());

        // DNS: only AWS service names resolve (the VPC has no internet path); queries are logged by SecureVpc.
        new DnsFirewall(this, "DnsFirewall", DnsFirewallProps.builder()
                .vpc(network.getVpc())
                .allowedDomains(List.of("*.amazonaws.com", "*.api.aws"))
                .build());
        // The account and region's guard: no internet gateway traffic in or out of any VPC (one per account and region).
        new VpcBlockPublicAccess(this, "BlockPublicAccess", null);

        // The team's own constructs, written plainly: SecureDefaults gives them KMS encryption, SSL-only, ...
        new Bucket(this, "Reports");
        new LogGroup(this, "AppLogs");
        new Topic(this, "Alerts");

        // Where this account's audit baseline lives (BlueprintChecks' AuditBaselinePresent reads it).
        AuditBaselineDeclaration.declare(this, "Organization trail, delegated AWS Config and GuardDuty "
                + "administrator in the security account", List.of(AuditBaselineDeclaration.CLOUDTRAIL,
                AuditBaselineDeclaration.CONFIG, AuditBaselineDeclaration.GUARDDUTY));
    }
}
