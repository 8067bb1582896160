package io.securevpc.endpoints;

import io.securevpc.ErrorCode;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpoint;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IGatewayVpcEndpoint;
import software.amazon.awscdk.services.ec2.IPrefixList;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.constructs.Construct;

/**
 * S3 and DynamoDB gateway endpoints with least-privilege endpoint policies (BP-EP-2, BP-EP-3, BP-EP-4).
 *
 * <ul>
 *   <li>Routes only in the route tables of private and isolated subnets by default (selectable): a public
 *       subnet's instances are not meant to exist (BP-NET-10).</li>
 *   <li>Each endpoint has exactly one policy (BP-EP-3), never the default "everyone, everything":
 *       callers and resources are kept inside an {@link AccessBoundary}. {@link #addPolicy} merges.</li>
 *   <li>Security groups reach the service through its managed prefix list, not 0.0.0.0/0:
 *       {@link #allowHttpsEgress(IConnectable, GatewayEndpointService, IPrefixList)} (BP-EP-4).</li>
 *   <li>Buckets can refuse traffic that did not come through the endpoint: {@link BucketPolicies}.</li>
 * </ul>
 */
public class GatewayEndpoints extends Construct {

    private final Map<GatewayEndpointService, GatewayVpcEndpoint> endpoints =
            new EnumMap<>(GatewayEndpointService.class);
    private final Map<GatewayEndpointService, EndpointPolicy> policies = new EnumMap<>(GatewayEndpointService.class);

    public GatewayEndpoints(final @NotNull Construct scope, final @NotNull String id,
                            final @NotNull GatewayEndpointsProps props) {
        super(scope, id);
        RequiredProps.of("GatewayEndpoints").require("props", props).check();
        List<GatewayEndpointService> services = props.getServices() != null ? props.getServices()
                : List.of(GatewayEndpointService.S3, GatewayEndpointService.DYNAMODB);
        AccessBoundary boundary = props.getAccessBoundary() != null ? props.getAccessBoundary()
                : AccessBoundary.thisAccount();
        Map<GatewayEndpointService, EndpointPolicy> initial = initialPolicies(props, boundary);
        List<SubnetSelection> subnets = validate(props, services, boundary, initial);
        for (GatewayEndpointService service : services) {
            createEndpoint(props.getVpc(), service, subnets, initial.get(service));
        }
    }

    // ---------------------------------------------------------------------------------------------- API

    /** @return the endpoint of {@code service}. */
    public @NotNull IGatewayVpcEndpoint getEndpoint(final @NotNull GatewayEndpointService service) {
        return requireEndpoint(service);
    }

    /** @return the endpoint's one policy, as merged so far. */
    public @NotNull EndpointPolicy getPolicy(final @NotNull GatewayEndpointService service) {
        requireEndpoint(service);
        return policies.get(service);
    }

    /**
     * Merges {@code policy} into the endpoint's policy (BP-EP-3: one policy per endpoint; adding never
     * replaces). Statements already present are not repeated.
     */
    public void addPolicy(final @NotNull GatewayEndpointService service, final @NotNull EndpointPolicy policy) {
        GatewayVpcEndpoint endpoint = requireEndpoint(service);
        Problems problems = new Problems();
        checkPolicy(service, policy, "policy", problems);
        problems.throwIfAny(() -> "GatewayEndpoints " + getNode().getPath());
        EndpointPolicy added = policies.get(service).statementsAddedBy(policy);
        policies.put(service, policies.get(service).merge(policy));
        applyStatements(endpoint, added);
    }

    /**
     * Lets {@code workload} open HTTPS connections to {@code service} through its AWS-managed prefix list
     * instead of a wide CIDR (BP-EP-4). Look the list up with
     * {@code PrefixList.fromLookup(scope, id, PrefixListLookupOptions.builder().prefixListName(
     * service.prefixListName(region)).build())} or pass its id with {@code PrefixList.fromPrefixListId}.
     */
    public void allowHttpsEgress(final @NotNull IConnectable workload, final @NotNull GatewayEndpointService service,
                                 final @NotNull IPrefixList prefixList) {
        requireEndpoint(service);
        workload.getConnections().allowTo(Peer.prefixList(prefixList.getPrefixListId()), Port.tcp(443),
                "HTTPS to " + service.name() + " through its gateway endpoint (prefix list, BP-EP-4)");
    }

    /**
     * As {@link #allowHttpsEgress(IConnectable, GatewayEndpointService, IPrefixList)}, with the id of the service's
     * AWS-managed prefix list in this region ({@code com.amazonaws.<region>.s3} or {@code .dynamodb}), given
     * explicitly so synth needs no lookup (BP-EP-4).
     *
     * @throws io.securevpc.BlueprintValidationException {@code SVPC-014} ({@link ErrorCode#ENDPOINT}) when the id
     *     is not a prefix list id
     */
    public void allowHttpsEgress(final @NotNull IConnectable workload, final @NotNull GatewayEndpointService service,
                                 final @NotNull String prefixListId) {
        RequiredProps.of("GatewayEndpoints.allowHttpsEgress").require("workload", workload).require("service", service)
                .require("prefixListId", prefixListId).check();
        Problems problems = new Problems();
        AwsIds.check(problems, ErrorCode.ENDPOINT, "prefixListId", prefixListId, AwsIds.Format.PREFIX_LIST_ID);
        problems.throwIfAny(() -> "GatewayEndpoints " + getNode().getPath());
        requireEndpoint(service);
        workload.getConnections().allowTo(Peer.prefixList(prefixListId), Port.tcp(443),
                "HTTPS to " + service.name() + " through its gateway endpoint (prefix list, BP-EP-4)");
    }

    // ------------------------------------------------------------------------------------- validation

    private static Map<GatewayEndpointService, EndpointPolicy> initialPolicies(final GatewayEndpointsProps props,
                                                                              final AccessBoundary boundary) {
        Map<GatewayEndpointService, EndpointPolicy> result = new EnumMap<>(GatewayEndpointService.class);
        result.put(GatewayEndpointService.S3, props.getS3Policy() != null ? props.getS3Policy()
                : EndpointPolicy.s3(boundary).build());
        result.put(GatewayEndpointService.DYNAMODB, props.getDynamoDbPolicy() != null ? props.getDynamoDbPolicy()
                : EndpointPolicy.dynamoDb(boundary).build());
        return result;
    }

    private List<SubnetSelection> validate(final GatewayEndpointsProps props,
                                           final List<GatewayEndpointService> services,
                                           final AccessBoundary boundary,
                                           final Map<GatewayEndpointService, EndpointPolicy> initial) {
        Problems problems = new Problems();
        if (services.isEmpty()) {
            problems.add(ErrorCode.ENDPOINT, "services", "[]",
                    "at least one of " + List.of(GatewayEndpointService.values()));
        }
        if (new HashSet<>(services).size() != services.size()) {
            problems.add(ErrorCode.ENDPOINT, "services", services.toString(), "each service once");
        }
        checkBoundary("accessBoundary", boundary, problems);
        if (props.getS3Policy() != null) {
            checkPolicy(GatewayEndpointService.S3, props.getS3Policy(), "s3Policy", problems);
            if (!services.contains(GatewayEndpointService.S3)) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "s3Policy", "(a policy)", "only when services include S3");
            }
        }
        if (props.getDynamoDbPolicy() != null) {
            checkPolicy(GatewayEndpointService.DYNAMODB, props.getDynamoDbPolicy(), "dynamoDbPolicy", problems);
            if (!services.contains(GatewayEndpointService.DYNAMODB)) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "dynamoDbPolicy", "(a policy)",
                        "only when services include DYNAMODB");
            }
        }
        List<SubnetSelection> subnets = props.getSubnets() != null ? props.getSubnets() : defaultSubnets(props.getVpc());
        if (subnets.isEmpty()) {
            problems.add(ErrorCode.ENDPOINT, "subnets", props.getSubnets() == null ? "(default)" : "[]",
                    "a VPC with private or isolated subnets, or an explicit non-empty subnet selection");
        }
        problems.throwIfAny(() -> "GatewayEndpoints " + getNode().getPath());
        return subnets;
    }

    private static List<SubnetSelection> defaultSubnets(final IVpc vpc) {
        List<SubnetSelection> result = new ArrayList<>();
        if (!vpc.getPrivateSubnets().isEmpty()) {
            result.add(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build());
        }
        if (!vpc.getIsolatedSubnets().isEmpty()) {
            result.add(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build());
        }
        return result;
    }

    private static void checkPolicy(final GatewayEndpointService service, final EndpointPolicy policy,
                                     final String prop, final Problems problems) {
        if (policy.getService() != service.policyService() && policy.getService() != EndpointPolicy.Service.ANY) {
            problems.add(ErrorCode.ENDPOINT_POLICY, prop, policy.getService().name(),
                    "a policy written for " + service.policyService().name() + " (EndpointPolicy."
                            + (service == GatewayEndpointService.S3 ? "s3" : "dynamoDb") + "(...))");
        }
        policy.validate(prop, problems);
    }

    /** Adds a problem for each account that is not 12 digits, or an organization id that is malformed. */
    static void checkBoundary(final String prop, final AccessBoundary boundary, final Problems problems) {
        for (String account : boundary.getAccounts()) {
            AwsIds.check(problems, ErrorCode.ENDPOINT_POLICY, prop, account, AwsIds.Format.ACCOUNT_ID);
        }
        if (boundary.getOrganizationId() == null && boundary.getAccounts().isEmpty()) {
            problems.add(ErrorCode.ENDPOINT_POLICY, prop, "no accounts", "at least one account");
        }
        String org = boundary.getOrganizationId();
        AwsIds.check(problems, ErrorCode.ENDPOINT_POLICY, prop, org, AwsIds.Format.ORGANIZATION_ID);
    }

    // ---------------------------------------------------------------------------------------- creation

    private void createEndpoint(final IVpc vpc, final GatewayEndpointService service,
                                final List<SubnetSelection> subnets, final EndpointPolicy policy) {
        GatewayVpcEndpoint endpoint = GatewayVpcEndpoint.Builder.create(this, service.idPart())
                .vpc(vpc)
                .service(service.cdkService())
                .subnets(subnets)
                .build();
        endpoints.put(service, endpoint);
        policies.put(service, policy);
        applyStatements(endpoint, policy);
    }

    private void applyStatements(final GatewayVpcEndpoint endpoint, final EndpointPolicy policy) {
        Stack stack = Stack.of(this);
        policy.render(stack.getPartition(), stack.getRegion()).forEach(endpoint::addToPolicy);
    }

    private GatewayVpcEndpoint requireEndpoint(final GatewayEndpointService service) {
        GatewayVpcEndpoint endpoint = endpoints.get(service);
        if (endpoint == null) {
            new Problems().add(ErrorCode.ENDPOINT, "service", service.name(),
                    "one of the services of this construct: " + endpoints.keySet())
                    .throwIfAny(() -> "GatewayEndpoints " + getNode().getPath());
        }
        return endpoint;
    }
}
