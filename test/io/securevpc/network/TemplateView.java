package io.securevpc.network;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * Read-only questions about a synthesized VPC template that {@code Match} cannot ask in one call: which
 * subnets are of a kind, which routes a subnet's route table holds, which entries a NACL holds. Reads the
 * template JSON once; no CDK round trip per question.
 */
final class TemplateView {
    private final Map<String, Map<String, Object>> resources;

    @SuppressWarnings("unchecked")
    TemplateView(final Template template) {
        this.resources = (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
    }

    Map<String, Object> resource(final String logicalId) {
        Map<String, Object> r = resources.get(logicalId);
        if (r == null) {
            throw new AssertionError("no resource " + logicalId);
        }
        return r;
    }

    /** Logical ids of the subnets CDK tagged with {@code aws-cdk:subnet-type} = Public, Private or Isolated. */
    Set<String> subnetsOfType(final String type) {
        return ofType("AWS::EC2::Subnet").entrySet().stream()
                .filter(e -> ((List<?>) props(e.getValue()).get("Tags")).stream().anyMatch(t ->
                        Map.of("Key", "aws-cdk:subnet-type", "Value", type).equals(t)))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Subnet logical ids of one tier (the CDK subnet group name tag). */
    Set<String> subnetsOfTier(final String tier) {
        return ofType("AWS::EC2::Subnet").entrySet().stream()
                .filter(e -> ((List<?>) props(e.getValue()).get("Tags")).stream().anyMatch(t ->
                        Map.of("Key", "aws-cdk:subnet-name", "Value", tier).equals(t)))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    String zoneOf(final String subnet) {
        return (String) props(resource(subnet)).get("AvailabilityZone");
    }

    /** The properties of every route in the route table associated with {@code subnet}. */
    List<Map<String, Object>> routesOf(final String subnet) {
        List<String> tables = ofType("AWS::EC2::SubnetRouteTableAssociation").values().stream()
                .map(TemplateView::props).filter(p -> subnet.equals(ref(p.get("SubnetId"))))
                .map(p -> ref(p.get("RouteTableId"))).toList();
        if (tables.size() != 1) {
            throw new AssertionError(subnet + " has " + tables.size() + " route tables");
        }
        return ofType("AWS::EC2::Route").values().stream().map(TemplateView::props)
                .filter(p -> tables.get(0).equals(ref(p.get("RouteTableId")))).toList();
    }

    /** The properties of every entry of one NACL. */
    List<Map<String, Object>> naclEntries(final String aclLogicalId) {
        return ofType("AWS::EC2::NetworkAclEntry").values().stream().map(TemplateView::props)
                .filter(p -> aclLogicalId.equals(ref(p.get("NetworkAclId")))).toList();
    }

    Map<String, Map<String, Object>> ofType(final String type) {
        return resources.entrySet().stream().filter(e -> type.equals(e.getValue().get("Type")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(final Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    /** The logical id of a {@code {"Ref": id}}, or null for anything else. */
    static String ref(final Object value) {
        return value instanceof Map<?, ?> m && m.get("Ref") instanceof String id ? id : null;
    }

    /** The logical id of a construct's CloudFormation resource (itself, or its default child). */
    static String logicalId(final IConstruct construct) {
        IConstruct cfn = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        Stack stack = Stack.of(cfn);
        return (String) stack.resolve(stack.getLogicalId((CfnElement) cfn));
    }
}
