package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;

/**
 * The service quotas the synthesized templates can reach, measured at synth, which CloudFormation would otherwise
 * report only when the deployment fails half-way: per security group its inbound and outbound rules, per route table
 * its routes, per VPC its interface endpoints, per network ACL its inbound and outbound entries, per EventBridge rule
 * its targets, and per stack its outputs and parameters. Each use is compared with the default quota
 * ({@link Quota}); at {@value #WARNING_PERCENT}% of it or more the gate warns, above it synth fails
 * ({@code [SVPC-021]}). The measured values are in the gate's report ({@code limits}).
 *
 * <p>Counting follows the quotas' documentation: a rule or route that names a customer-managed prefix list of the
 * app ({@code AWS::EC2::PrefixList}) counts as that list's {@code MaxEntries}; one that names any other prefix list
 * (an AWS-managed one, such as the S3 and DynamoDB gateway lists, weight 1) counts as one. A rule or entry is
 * counted against the group, table, VPC or ACL its reference resolves to in the app's templates (cross-stack
 * references included); one whose target is outside the app is not counted. A raised quota is not read: the
 * defaults are the limits.
 */
public final class ServiceQuotas {
    /** The gate warns at this share of a quota, in percent. */
    public static final int WARNING_PERCENT = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A default quota, with what it is counted per. */
    public enum Quota {
        /** Amazon VPC: inbound rules per security group (IPv4 and IPv6 each). */
        SECURITY_GROUP_INBOUND_RULES("inbound rules per security group", 60),
        /** Amazon VPC: outbound rules per security group. */
        SECURITY_GROUP_OUTBOUND_RULES("outbound rules per security group", 60),
        /** Amazon VPC: routes per route table (non-propagated). */
        ROUTES_PER_ROUTE_TABLE("routes per route table", 50),
        /** Amazon VPC: interface (and Gateway Load Balancer) endpoints per VPC. */
        INTERFACE_ENDPOINTS_PER_VPC("interface endpoints per VPC", 50),
        /** Amazon VPC: inbound entries per network ACL (beside the default deny). */
        NETWORK_ACL_INBOUND_ENTRIES("inbound entries per network ACL", 20),
        /** Amazon VPC: outbound entries per network ACL (beside the default deny). */
        NETWORK_ACL_OUTBOUND_ENTRIES("outbound entries per network ACL", 20),
        /** Amazon EventBridge: targets per rule. */
        TARGETS_PER_EVENT_RULE("targets per EventBridge rule", 5),
        /**
         * Amazon VPC: security groups per network interface; counted on what attaches groups to interfaces (interface
         * endpoints, instances, launch templates, network interfaces, Lambda functions in a VPC, load balancers).
         */
        SECURITY_GROUPS_PER_NETWORK_INTERFACE("security groups per network interface", 5),
        /**
         * AWS Systems Manager: the size of a document's content, in bytes of compact JSON, values synth cannot know
         * counted at their longest (as {@link ManagedPolicySizes} counts them).
         */
        SSM_DOCUMENT_BYTES("bytes per Systems Manager document", 65_536),
        /** AWS CloudFormation: outputs per stack. */
        OUTPUTS_PER_STACK("outputs per CloudFormation stack", 200),
        /** AWS CloudFormation: parameters per stack. */
        PARAMETERS_PER_STACK("parameters per CloudFormation stack", 200);

        private final String description;
        private final int limit;

        Quota(final String description, final int limit) {
            this.description = description;
            this.limit = limit;
        }

        public String description() {
            return description;
        }

        /** @return the default quota. */
        public int limit() {
            return limit;
        }
    }

    /**
     * One measured use of a quota.
     *
     * @param path the construct path of the group, table, VPC, ACL or rule, or the stack's name
     */
    public record Usage(Quota quota, String path, int used) {
        public boolean overLimit() {
            return used > quota.limit();
        }

        /** @return whether the use is at {@value #WARNING_PERCENT}% of the quota or more, but not over it. */
        public boolean nearLimit() {
            return !overLimit() && used * 100 >= quota.limit() * WARNING_PERCENT;
        }

        public String verdict() {
            return overLimit() ? "OVER_LIMIT" : nearLimit() ? "NEAR_LIMIT" : "OK";
        }

        /** @return e.g. {@code SecureVpc-ThreeTier/Network/Web/Sg/Resource: 49 of 60 inbound rules per security group}. */
        public String render() {
            return path + ": " + used + " of " + quota.limit() + " " + quota.description();
        }
    }

    private ServiceQuotas() {
    }

    /** @return every use of every quota in the app, by quota, then in stack and template order. */
    public static @NotNull List<Usage> measure(final @NotNull AppTemplates app) {
        List<Usage> out = new ArrayList<>();
        Map<String, Integer> in = new LinkedHashMap<>();
        Map<String, Integer> eg = new LinkedHashMap<>();
        for (TemplateResource sg : app.ofType("AWS::EC2::SecurityGroup")) {
            in.put(sg.describe(), weights(app, sg, sg.prop("SecurityGroupIngress"), "SourcePrefixListId"));
            eg.put(sg.describe(), weights(app, sg, sg.prop("SecurityGroupEgress"), "DestinationPrefixListId"));
        }
        countInto(in, app, "AWS::EC2::SecurityGroupIngress", "GroupId", "SourcePrefixListId");
        countInto(eg, app, "AWS::EC2::SecurityGroupEgress", "GroupId", "DestinationPrefixListId");
        add(out, Quota.SECURITY_GROUP_INBOUND_RULES, in);
        add(out, Quota.SECURITY_GROUP_OUTBOUND_RULES, eg);

        Map<String, Integer> routes = keys(app, "AWS::EC2::RouteTable");
        countInto(routes, app, "AWS::EC2::Route", "RouteTableId", "DestinationPrefixListId");
        add(out, Quota.ROUTES_PER_ROUTE_TABLE, routes);

        Map<String, Integer> endpoints = keys(app, "AWS::EC2::VPC");
        for (TemplateResource e : app.ofType("AWS::EC2::VPCEndpoint")) {
            String type = e.prop("VpcEndpointType").asText("Gateway");
            if ("Interface".equals(type) || "GatewayLoadBalancer".equals(type)) {
                app.target(e.stack(), e.prop("VpcId")).ifPresent(v -> endpoints.merge(v.describe(), 1, Integer::sum));
            }
        }
        add(out, Quota.INTERFACE_ENDPOINTS_PER_VPC, endpoints);

        Map<String, Integer> naclIn = keys(app, "AWS::EC2::NetworkAcl");
        Map<String, Integer> naclOut = keys(app, "AWS::EC2::NetworkAcl");
        for (TemplateResource entry : app.ofType("AWS::EC2::NetworkAclEntry")) {
            Map<String, Integer> side = entry.prop("Egress").asBoolean(false) ? naclOut : naclIn;
            app.target(entry.stack(), entry.prop("NetworkAclId")).ifPresent(a -> side.merge(a.describe(), 1, Integer::sum));
        }
        add(out, Quota.NETWORK_ACL_INBOUND_ENTRIES, naclIn);
        add(out, Quota.NETWORK_ACL_OUTBOUND_ENTRIES, naclOut);

        Map<String, Integer> targets = new LinkedHashMap<>();
        app.ofType("AWS::Events::Rule").forEach(r -> targets.put(r.describe(), r.prop("Targets").size()));
        add(out, Quota.TARGETS_PER_EVENT_RULE, targets);

        Map<String, Integer> groups = new LinkedHashMap<>();
        GROUP_LISTS.forEach((type, pointers) -> app.ofType(type).forEach(r -> {
            for (String pointer : pointers) {
                for (JsonNode list : lists(r.properties(), pointer)) {
                    groups.merge(r.describe(), list.size(), Math::max);
                }
            }
        }));
        add(out, Quota.SECURITY_GROUPS_PER_NETWORK_INTERFACE, groups);

        Map<String, Integer> documents = new LinkedHashMap<>();
        app.ofType("AWS::SSM::Document").forEach(d ->
                documents.put(d.describe(), ManagedPolicySizes.size(d.prop("Content"))));
        add(out, Quota.SSM_DOCUMENT_BYTES, documents);

        Map<String, Integer> outputs = new LinkedHashMap<>();
        Map<String, Integer> parameters = new LinkedHashMap<>();
        for (StackTemplate stack : app.stacks().values()) {
            JsonNode template = read(stack);
            outputs.put(stack.name(), template.path("Outputs").size());
            parameters.put(stack.name(), template.path("Parameters").size());
        }
        add(out, Quota.OUTPUTS_PER_STACK, outputs);
        add(out, Quota.PARAMETERS_PER_STACK, parameters);
        return List.copyOf(out);
    }

    /** Throws a {@code BlueprintValidationException} with an {@code [SVPC-021]} problem per use over its quota. */
    public static void check(final @NotNull List<Usage> usages) {
        Problems problems = new Problems();
        usages.stream().filter(Usage::overLimit).forEach(u -> problems.add(ErrorCode.STACK_LIMITS, u.path() + " "
                + u.quota().description(), u.used(), "at most " + u.quota().limit() + " (AWS's default quota; the "
                + "deployment would fail above it, and the gate does not read a raised quota): spread what is counted over "
                + "more security groups, route tables, VPCs, network ACLs, rules, documents or stacks (or fewer groups per interface)"));
        problems.throwIfAny("the synthesized stacks (service quotas)");
    }

    /**
     * Where each resource type lists the security groups of one network interface: JSON pointers, {@code *} for every
     * element of an array.
     */
    private static final Map<String, List<String>> GROUP_LISTS = Maps.of(
            "AWS::EC2::VPCEndpoint", List.of("/SecurityGroupIds"),
            "AWS::EC2::Instance", List.of("/SecurityGroupIds", "/SecurityGroups", "/NetworkInterfaces/*/GroupSet"),
            "AWS::EC2::LaunchTemplate", List.of("/LaunchTemplateData/SecurityGroupIds",
                    "/LaunchTemplateData/NetworkInterfaces/*/Groups"),
            "AWS::EC2::NetworkInterface", List.of("/GroupSet"),
            "AWS::Lambda::Function", List.of("/VpcConfig/SecurityGroupIds"),
            "AWS::ElasticLoadBalancingV2::LoadBalancer", List.of("/SecurityGroups"));

    /** The arrays at {@code pointer} (with {@code *} steps) under {@code node}. */
    private static List<JsonNode> lists(final JsonNode node, final String pointer) {
        int star = pointer.indexOf("/*");
        if (star < 0) {
            JsonNode list = node.at(pointer);
            return list.isArray() ? List.of(list) : List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode element : node.at(pointer.substring(0, star))) {
            out.addAll(lists(element, pointer.substring(star + 2)));
        }
        return out;
    }

    private static Map<String, Integer> keys(final AppTemplates app, final String type) {
        Map<String, Integer> out = new LinkedHashMap<>();
        app.ofType(type).forEach(r -> out.put(r.describe(), 0));
        return out;
    }

    private static void countInto(final Map<String, Integer> counts, final AppTemplates app, final String type,
                                  final String parent, final String prefixListProp) {
        for (TemplateResource r : app.ofType(type)) {
            Optional<TemplateResource> target = app.target(r.stack(), r.prop(parent));
            if (target.isPresent()) {
                counts.merge(target.get().describe(), weight(app, r.stack(), r.properties(), prefixListProp),
                        Integer::sum);
            }
        }
    }

    private static int weights(final AppTemplates app, final TemplateResource group, final JsonNode rules,
                               final String prefixListProp) {
        int n = 0;
        for (JsonNode rule : rules) {
            n += weight(app, group.stack(), rule, prefixListProp);
        }
        return n;
    }

    /** @return 1, or the {@code MaxEntries} of the app's prefix list the rule or route names. */
    private static int weight(final AppTemplates app, final StackTemplate stack, final JsonNode rule,
                              final String prefixListProp) {
        return app.target(stack, rule.get(prefixListProp))
                .filter(p -> "AWS::EC2::PrefixList".equals(p.type()) && p.prop("MaxEntries").isInt())
                .map(p -> p.prop("MaxEntries").asInt()).orElse(1);
    }

    private static void add(final List<Usage> out, final Quota quota, final Map<String, Integer> counts) {
        counts.forEach((path, used) -> out.add(new Usage(quota, path, used)));
    }

    private static JsonNode read(final StackTemplate stack) {
        try {
            return JSON.readTree(stack.templatePath().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stack.templatePath(), e);
        }
    }
}
