package io.securevpc.docs;

import io.securevpc.endpoints.AccessBoundary;
import io.securevpc.endpoints.BucketPolicies;
import io.securevpc.endpoints.EndpointPolicy;
import io.securevpc.endpoints.GatewayEndpointService;
import io.securevpc.endpoints.GatewayEndpoints;
import io.securevpc.endpoints.GatewayEndpointsProps;
import io.securevpc.endpoints.InterfaceEndpointPreset;
import io.securevpc.endpoints.InterfaceEndpoints;
import io.securevpc.endpoints.InterfaceEndpointsProps;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.TierSecurityGroup;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IPrefixList;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.PrefixList;
import software.amazon.awscdk.services.ec2.PrefixListLookupOptions;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/** The snippets of docs/private-access.md (DocSnippetsTest; DocsSnippetsSynthTest builds this stack). */
public class PrivateAccessStack extends Stack {
    public PrivateAccessStack(final Construct scope, final String id, final StackProps props) {
        super(scope, id, props);
        // snippet: gateway-endpoints
        SecureVpc network = new SecureVpc(this, "Network", null);
        GatewayEndpoints gateways = new GatewayEndpoints(this, "GatewayEndpoints", GatewayEndpointsProps.builder()
                .vpc(network.getVpc())
                .s3Policy(EndpointPolicy.s3(AccessBoundary.organization("o-a1b2c3d4e5"))
                        .amazonLinuxRepositories()   // dnf/yum repositories
                        .ecrImageLayers()            // ECR image layers ("starport" bucket)
                        .ssmAgentBuckets()           // SSM Agent updates, documents, patching
                        .build())
                .build());
        // end-snippet

        PolicyStatement myOwnStatement = PolicyStatement.Builder.create().sid("ReadReports").effect(Effect.ALLOW)
                .principals(List.of(new AnyPrincipal())).actions(List.of("s3:GetObject"))
                .resources(List.of("arn:aws:s3:::example-reports/*"))
                .conditions(Map.of("StringEquals", Map.of("aws:PrincipalAccount", "111111111111")))
                .build();
        // snippet: gateway-add-policy
        gateways.addPolicy(GatewayEndpointService.S3, EndpointPolicy.s3(AccessBoundary.organization("o-a1b2c3d4e5"))
                .statement(myOwnStatement)          // escape hatch: must have a principal, and must not allow
                .build());                          // every action to every principal without a condition
        // end-snippet

        TierSecurityGroup app = TierSecurityGroup.Builder.create(this, "App").vpc(network.getVpc())
                .description("Application instances").build();
        // snippet: gateway-prefix-list
        IPrefixList s3List = PrefixList.fromLookup(this, "S3List", PrefixListLookupOptions.builder()
                .prefixListName(GatewayEndpointService.S3.prefixListName("eu-west-1")).build());
        gateways.allowHttpsEgress(app, GatewayEndpointService.S3, s3List);
        // end-snippet

        Bucket bucket = new Bucket(this, "Reports");
        // snippet: bucket-through-endpoint
        BucketPolicies.restrictToEndpoints(bucket, List.of(gateways.getEndpoint(GatewayEndpointService.S3)),
                List.of("arn:aws:iam::111111111111:role/BreakGlass"));
        // or BucketPolicies.denyUnlessFromVpcs(bucket, List.of(network.getVpc()), exempt)   (aws:SourceVpc)
        // end-snippet

        // snippet: interface-endpoints
        InterfaceEndpoints endpoints = new InterfaceEndpoints(this, "InterfaceEndpoints",
                InterfaceEndpointsProps.builder()
                        .vpc(network.getVpc())
                        .presets(List.of(InterfaceEndpointPreset.SSM_MANAGED_INSTANCES, InterfaceEndpointPreset.ECR_PULL,
                                InterfaceEndpointPreset.CLOUDWATCH_LOGS, InterfaceEndpointPreset.KMS,
                                InterfaceEndpointPreset.STS))
                        .services(List.of(InterfaceVpcEndpointAwsService.SECRETS_MANAGER))
                        .consumers(List.of(app))                            // security-group references (BP-NET-2)
                        .consumerCidrs(network.tierCidrs("workload"))       // or literal tier blocks
                        .build());
        // end-snippet
    }
}
