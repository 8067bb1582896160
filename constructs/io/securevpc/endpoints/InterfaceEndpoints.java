package io.securevpc.endpoints;

import io.securevpc.ErrorCode;
import io.securevpc.internal.EndpointPolicySupport;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Problems;
import io.securevpc.compliance.Acknowledgements;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.ConnectionsProps;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IInterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.constructs.Construct;

/**
 * Interface endpoints (AWS PrivateLink) to AWS services, reachable only from the workloads that need them
 * (BP-EP-1, BP-EP-3, BP-EP-5).
 *
 * <ul>
 *   <li>One network interface in every AZ of one tier (by default SecureVpc's {@code endpoints} tier), private
 *       DNS on, so SDKs reach the service's usual name privately.</li>
 *   <li>A security group per endpoint (or one shared) that allows only HTTPS, only from the given consumer
 *       security groups or address blocks; never 0.0.0.0/0, never the CDK's {@code open} default, no
 *       egress.</li>
 *   <li>An endpoint policy keeping callers and the resources they reach inside an {@link AccessBoundary} on every
 *       service known to support endpoint policies (BP-EP-3: the endpoint carries no data to another account;
 *       STS and SSM with the exceptions of {@link EndpointPolicy#sts} and {@link EndpointPolicy#ssm}); a policy
 *       for a service that does not support one is refused.</li>
 * </ul>
 * Implements {@link IConnectable} over every endpoint's group: {@code endpoints.getConnections()
 * .allowDefaultPortFrom(workload)} adds a consumer later.
 */
public class InterfaceEndpoints extends Construct implements IConnectable {
    /** Services whose endpoints take no policy ({@link EndpointPolicySupport#NO_POLICY_SUPPORT}). */
    static final Set<String> NO_POLICY_SUPPORT = EndpointPolicySupport.NO_POLICY_SUPPORT;
    /** Services known to support endpoint policies; others get no default policy and a synth warning. */
    static final Set<String> POLICY_SUPPORT = Set.of("ssm", "kms", "kms-fips", "logs", "monitoring", "sts",
            "ecr.api", "ecr.dkr", "secretsmanager", "sqs", "sns", "lambda", "ec2", "events", "execute-api",
            "kinesis-streams", "elasticloadbalancing", "autoscaling", "cloudformation", "ecs", "ecs-agent",
            "ecs-telemetry", "states", "ssm-incidents", "ssm-contacts", "xray", "codebuild", "glue", "athena",
            "elasticfilesystem", "rds", "sagemaker.api", "s3");
    private static final int HTTPS = 443;

    private final Map<String, InterfaceVpcEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    private final Map<String, EndpointPolicy> policies = new LinkedHashMap<>();
    private final Connections connections;

    public InterfaceEndpoints(final @NotNull Construct scope, final @NotNull String id,
                              final @NotNull InterfaceEndpointsProps props) {
        super(scope, id);
        RequiredProps.of("InterfaceEndpoints").require("props", props).check();
        Map<String, InterfaceVpcEndpointAwsService> services = services(props);
        String tier = props.getTierName() != null ? props.getTierName() : InterfaceEndpointsProps.DEFAULT_TIER;
        AccessBoundary boundary = props.getAccessBoundary() != null ? props.getAccessBoundary()
                : AccessBoundary.thisAccount();
        validate(props, services, tier, boundary);
        SecurityGroup shared = Boolean.TRUE.equals(props.getSharedSecurityGroup())
                ? createSecurityGroup(props.getVpc(), "SecurityGroup", "Interface endpoints: HTTPS from their consumers")
                : null;
        services.forEach((shortName, service) -> createEndpoint(props.getVpc(), shortName, service, tier, shared,
                boundary));
        this.connections = new Connections(ConnectionsProps.builder()
                .securityGroups(List.copyOf(new java.util.LinkedHashSet<>(groups.values())))
                .defaultPort(Port.tcp(HTTPS)).build());
        allowConsumers(props);
    }

    // ---------------------------------------------------------------------------------------------- API

    /** @return the endpoint of {@code service}. */
    public @NotNull IInterfaceVpcEndpoint getEndpoint(final @NotNull InterfaceVpcEndpointAwsService service) {
        return endpoints.get(require(service));
    }

    /** @return the security group of {@code service}'s endpoint (the shared group when shared). */
    public @NotNull ISecurityGroup getSecurityGroup(final @NotNull InterfaceVpcEndpointAwsService service) {
        return groups.get(require(service));
    }

    /**
     * @return the endpoints that carry a policy (every one but those of services that take none), in creation
     *     order: what a guard of the policies (e.g. {@code EndpointPolicyRestore}) watches
     */
    public @NotNull List<IInterfaceVpcEndpoint> getEndpointsWithPolicy() {
        return endpoints.entrySet().stream().filter(e -> policies.containsKey(e.getKey()))
                .map(e -> (IInterfaceVpcEndpoint) e.getValue()).toList();
    }

    /** @return the short names of the services (e.g. {@code ssm}, {@code ecr.dkr}), in creation order. */
    public @NotNull List<String> getServiceNames() {
        return List.copyOf(endpoints.keySet());
    }

    /** Every endpoint's security group, HTTPS as the default port. */
    @Override
    public @NotNull Connections getConnections() {
        return connections;
    }

    /**
     * Merges {@code policy} into the endpoint's one policy (BP-EP-3).
     *
     * @throws io.securevpc.BlueprintValidationException when the service does not support endpoint policies
     */
    public void addPolicy(final @NotNull InterfaceVpcEndpointAwsService service, final @NotNull EndpointPolicy policy) {
        String name = require(service);
        Problems problems = new Problems();
        if (NO_POLICY_SUPPORT.contains(name)) {
            problems.add(ErrorCode.ENDPOINT_POLICY, "service", name, "a service that supports endpoint policies; "
                    + name + " does not (access is governed by IAM and the endpoint's security group)");
        }
        policy.validate("policy", problems);
        problems.throwIfAny(() -> "InterfaceEndpoints " + getNode().getPath());
        EndpointPolicy current = policies.get(name);
        EndpointPolicy added = current == null ? policy : current.statementsAddedBy(policy);
        policies.put(name, current == null ? policy : current.merge(policy));
        apply(endpoints.get(name), added);
    }

    // ------------------------------------------------------------------------------------- validation

    private static Map<String, InterfaceVpcEndpointAwsService> services(final InterfaceEndpointsProps props) {
        Map<String, InterfaceVpcEndpointAwsService> result = new LinkedHashMap<>();
        if (props.getPresets() != null) {
            props.getPresets().forEach(p -> p.services().forEach(s -> result.putIfAbsent(shortName(s), s)));
        }
        return result;
    }

    private void validate(final InterfaceEndpointsProps props, final Map<String, InterfaceVpcEndpointAwsService> fromPresets,
                          final String tier, final AccessBoundary boundary) {
        Problems problems = new Problems();
        List<String> explicit = new ArrayList<>();
        for (InterfaceVpcEndpointAwsService s : props.getServices() != null ? props.getServices()
                : List.<InterfaceVpcEndpointAwsService>of()) {
            String name = shortName(s);
            if (explicit.contains(name)) {
                problems.add(ErrorCode.ENDPOINT, "services", name, "each service once");
            }
            explicit.add(name);
            fromPresets.putIfAbsent(name, s);
        }
        if (fromPresets.isEmpty()) {
            problems.add(ErrorCode.ENDPOINT, "services", "[]", "at least one service or preset");
        }
        List<String> cidrs = props.getConsumerCidrs() != null ? props.getConsumerCidrs() : List.of();
        List<IConnectable> consumers = props.getConsumers() != null ? props.getConsumers() : List.of();
        if (cidrs.isEmpty() && consumers.isEmpty()) {
            problems.add(ErrorCode.ENDPOINT, "consumers", "none",
                    "at least one consumer security group or consumer CIDR (e.g. secureVpc.tierCidrs(\"app\")): "
                            + "endpoints accept HTTPS only from the workloads that need them");
        }
        for (String cidr : cidrs) {
            if (Token.isUnresolved(cidr)) {
                continue;
            }
            Optional<Ipv4Cidr> parsed = Ipv4Cidr.parse(cidr);
            if (parsed.isEmpty()) {
                problems.add(ErrorCode.INVALID_CIDR, "consumerCidrs", cidr, "an IPv4 CIDR with no host bits set");
            } else if (parsed.get().prefix() == 0) {
                problems.add(ErrorCode.SECURITY_GROUP, "consumerCidrs", cidr,
                        "the blocks of the tiers that use the endpoints; never 0.0.0.0/0");
            }
        }
        GatewayEndpoints.checkBoundary("accessBoundary", boundary, problems);
        checkTier(props.getVpc(), tier, problems);
        problems.throwIfAny(() -> "InterfaceEndpoints " + getNode().getPath());
    }

    private static void checkTier(final IVpc vpc, final String tier, final Problems problems) {
        try {
            if (vpc.selectSubnets(selection(tier)).getSubnets().isEmpty()) {
                problems.add(ErrorCode.ENDPOINT, "tierName", tier, "a tier (subnet group) with subnets");
            }
        } catch (RuntimeException e) {
            problems.add(ErrorCode.ENDPOINT, "tierName", tier, "the name of a tier (subnet group) of the VPC");
        }
    }

    // ---------------------------------------------------------------------------------------- creation

    private void createEndpoint(final IVpc vpc, final String shortName, final InterfaceVpcEndpointAwsService service,
                                final String tier, final SecurityGroup shared, final AccessBoundary boundary) {
        String idPart = idPart(shortName);
        SecurityGroup group = shared != null ? shared
                : createSecurityGroup(vpc, idPart + "SecurityGroup", "Interface endpoint " + shortName
                        + ": HTTPS from its consumers");
        InterfaceVpcEndpoint endpoint = InterfaceVpcEndpoint.Builder.create(this, idPart)
                .vpc(vpc)
                .service(service)
                .subnets(selection(tier))
                .privateDnsEnabled(true)
                .open(false)
                .lookupSupportedAzs(false)
                .securityGroups(List.of(group))
                .build();
        endpoints.put(shortName, endpoint);
        groups.put(shortName, group);
        if (POLICY_SUPPORT.contains(shortName)) {
            EndpointPolicy policy = EndpointPolicy.forInterfaceService(shortName, boundary);
            policies.put(shortName, policy);
            apply(endpoint, policy);
        } else if (NO_POLICY_SUPPORT.contains(shortName)) {
            Acknowledgements.acknowledge((CfnResource) endpoint.getNode().getDefaultChild(),
                    "The " + shortName + " endpoint service does not take endpoint policies (Systems Manager's agent "
                            + "channel); access is limited by the endpoint's security group and the callers' IAM "
                            + "policies instead (BP-EP-3, BP-EP-5).",
                    "BlueprintChecks-VpcEndpointPolicyRestricted");
        } else {
            Annotations.of(this).addWarningV2("@securevpc/endpoints:policyUnknown",
                    "service '" + shortName + "' is not known to support endpoint policies: no endpoint policy "
                            + "attached; add one with addPolicy if the service supports it (BP-EP-3).");
        }
    }

    private SecurityGroup createSecurityGroup(final IVpc vpc, final String id, final String description) {
        return SecurityGroup.Builder.create(this, id)
                .vpc(vpc)
                .description(description)
                .allowAllOutbound(false)
                .allowAllIpv6Outbound(false)
                .build();
    }

    private void allowConsumers(final InterfaceEndpointsProps props) {
        for (SecurityGroup group : new java.util.LinkedHashSet<>(groups.values())) {
            if (props.getConsumerCidrs() != null) {
                for (String cidr : props.getConsumerCidrs()) {
                    group.addIngressRule(Peer.ipv4(cidr), Port.tcp(HTTPS), "HTTPS from consumer block " + cidr);
                }
            }
            if (props.getConsumers() != null) {
                for (IConnectable consumer : props.getConsumers()) {
                    group.getConnections().allowFrom(consumer, Port.tcp(HTTPS), "HTTPS to interface endpoints");
                }
            }
        }
    }

    private void apply(final InterfaceVpcEndpoint endpoint, final EndpointPolicy policy) {
        Stack stack = Stack.of(this);
        policy.render(stack.getPartition(), stack.getRegion()).forEach(endpoint::addToPolicy);
    }

    // ----------------------------------------------------------------------------------------- helpers

    private static SubnetSelection selection(final String tier) {
        return SubnetSelection.builder().subnetGroupName(tier).onePerAz(true).build();
    }

    private String require(final InterfaceVpcEndpointAwsService service) {
        String name = shortName(service);
        if (!endpoints.containsKey(name)) {
            new Problems().add(ErrorCode.ENDPOINT, "service", name, "one of " + endpoints.keySet())
                    .throwIfAny(() -> "InterfaceEndpoints " + getNode().getPath());
        }
        return name;
    }

    /**
     * The service's short name (e.g. {@code ecr.dkr}) from its full name, whose region, prefix and suffix are
     * tokens until synth: {@code ${Token}.${Token}.ecr.dkr${Token}}.
     */
    static String shortName(final InterfaceVpcEndpointAwsService service) {
        String stripped = service.getName().replaceAll("\\$\\{Token\\[[^\\]]*\\]\\}", "");
        int doubleDot = stripped.lastIndexOf("..");
        if (doubleDot >= 0) {
            return stripped.substring(doubleDot + 2);
        }
        return stripped.startsWith("com.amazonaws.") ? stripped.substring(stripped.indexOf('.', 14) + 1) : stripped;
    }

    /** {@code ecr.dkr} becomes {@code EcrDkr}: the endpoint's fixed construct id. */
    static String idPart(final String shortName) {
        StringBuilder id = new StringBuilder();
        for (String part : shortName.split("[.\\-_]")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }
}
