package io.securevpc.gate.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Each VPC of the synthesized templates as the report draws it: its subnets by tier and Availability Zone with their
 * CIDRs, the routes of each subnet's route table, the gateway and interface endpoints, what each tier's network
 * ACL allows, where its flow logs and DNS query logs go, and its connections to other networks (peering, Transit
 * Gateway attachments and the VPCs sharing the gateway, Site-to-Site VPN, PrivateLink services of other stacks). Read from the template model only (no CDK object), so it shows what CloudFormation deploys.
 */
final class NetworkView {
    /** The tag CDK's {@code Vpc} puts on every subnet with its type ({@code Public}, {@code Private}, {@code Isolated}). */
    static final String TYPE_TAG = "aws-cdk:subnet-type";

    /** The tag CDK's {@code Vpc} puts on every subnet with the name of its subnet group (the tier). */
    static final String TIER_TAG = "aws-cdk:subnet-name";

    /** One subnet: its tier, zone, CIDR and the routes of its route table ({@code destination -> target}). */
    record Subnet(String logicalId, String tier, String kind, String zone, String cidr, List<String> routes, String naclId) {
    }

    /** One allow or deny entry of a network ACL, rendered ({@code in allow tcp 443 from 10.0.0.0/16}). */
    record AclEntry(int number, boolean egress, boolean allow, String text) {
    }

    /** One VPC: the stack, its environment, its name and CIDR, subnets, endpoints and NACL entries by tier. */
    record Vpc(String stack, String environment, String logicalId, String name, String cidr, List<Subnet> subnets,
               List<String> gatewayEndpoints, List<String> interfaceEndpoints, Map<String, List<AclEntry>> aclByTier,
               List<String> flowLogs, List<String> dnsLogs, List<String> connectivity) {
        /** @return the zones, in order. */
        List<String> zones() {
            return List.copyOf(new TreeSet<>(subnets.stream().map(Subnet::zone).toList()));
        }

        /** @return the tiers in the order their first subnet appears in the template. */
        List<String> tiers() {
            List<String> tiers = new ArrayList<>();
            subnets.forEach(s -> {
                if (!tiers.contains(s.tier())) {
                    tiers.add(s.tier());
                }
            });
            return tiers;
        }

        /** @return the subnet of a tier in a zone, if any. */
        Optional<Subnet> subnet(final String tier, final String zone) {
            return subnets.stream().filter(s -> s.tier().equals(tier) && s.zone().equals(zone)).findFirst();
        }
    }

    private NetworkView() {
    }

    /** @return every VPC of the app, in template order. */
    static List<Vpc> of(final AppTemplates app) {
        List<Vpc> out = new ArrayList<>();
        for (StackTemplate stack : app.stacks().values()) {
            for (TemplateResource vpc : stack.ofType("AWS::EC2::VPC")) {
                out.add(vpc(app, stack, vpc));
            }
        }
        return out;
    }

    private static Vpc vpc(final AppTemplates app, final StackTemplate stack, final TemplateResource vpc) {
        Map<String, String> routeTableOf = new LinkedHashMap<>();
        for (TemplateResource a : stack.ofType("AWS::EC2::SubnetRouteTableAssociation")) {
            ref(app, stack, a.prop("SubnetId")).ifPresent(s -> ref(app, stack, a.prop("RouteTableId"))
                    .ifPresent(rt -> routeTableOf.put(s, rt)));
        }
        Map<String, String> aclOf = new LinkedHashMap<>();
        for (TemplateResource a : stack.ofType("AWS::EC2::SubnetNetworkAclAssociation")) {
            ref(app, stack, a.prop("SubnetId")).ifPresent(s -> ref(app, stack, a.prop("NetworkAclId"))
                    .ifPresent(acl -> aclOf.put(s, acl)));
        }
        List<Subnet> subnets = new ArrayList<>();
        for (TemplateResource s : stack.ofType("AWS::EC2::Subnet")) {
            if (!ref(app, stack, s.prop("VpcId")).map(vpc.logicalId()::equals).orElse(false)) {
                continue;
            }
            String rt = routeTableOf.get(s.logicalId());
            subnets.add(new Subnet(s.logicalId(), s.tag(TIER_TAG).orElse("subnets"),
                    s.tag(TYPE_TAG).orElse("Isolated"), zone(app, stack, s.prop("AvailabilityZone")),
                    app.literal(stack, s.prop("CidrBlock")).orElse("(CIDR set at deploy)"),
                    rt == null ? List.of() : routes(app, stack, rt), aclOf.get(s.logicalId())));
        }
        List<String> gateway = new ArrayList<>();
        List<String> iface = new ArrayList<>();
        for (TemplateResource e : stack.ofType("AWS::EC2::VPCEndpoint")) {
            if (!ref(app, stack, e.prop("VpcId")).map(vpc.logicalId()::equals).orElse(false)) {
                continue;
            }
            String service = service(e.prop("ServiceName"));
            String type = e.prop("VpcEndpointType").asText("Gateway");
            if ("Gateway".equals(type)) {
                gateway.add(service);
            } else {
                iface.add(service + " (" + e.prop("SubnetIds").size() + " AZ)");
            }
        }
        Map<String, List<AclEntry>> aclByTier = new LinkedHashMap<>();
        for (Subnet s : subnets) {
            if (s.naclId() != null && !aclByTier.containsKey(s.tier())) {
                aclByTier.put(s.tier(), acl(app, stack, s.naclId()));
            }
        }
        String name = vpc.tag("Name").orElse(vpc.describe());
        return new Vpc(stack.name(), stack.environment(), vpc.logicalId(), name,
                app.literal(stack, vpc.prop("CidrBlock")).orElse("(IPAM)"), subnets, gateway, iface, aclByTier,
                flowLogs(app, vpc), dnsLogs(app, vpc), connectivity(app, vpc));
    }

    /** @return whether {@code value} (in {@code from}) points at {@code resource}. */
    private static boolean pointsAt(final AppTemplates app, final StackTemplate from, final JsonNode value,
                                    final TemplateResource resource) {
        return app.target(from, value).map(t -> t.stack() == resource.stack() && t.logicalId().equals(resource.logicalId()))
                .orElse(false);
    }

    /** @return each flow log of the VPC: the traffic it captures and where it goes, e.g. {@code ALL → S3 bucket Logs/Bucket}. */
    private static List<String> flowLogs(final AppTemplates app, final TemplateResource vpc) {
        List<String> out = new ArrayList<>();
        for (TemplateResource f : app.ofType("AWS::EC2::FlowLog")) {
            if (!pointsAt(app, f.stack(), f.prop("ResourceId"), vpc)) {
                continue;
            }
            String type = f.prop("LogDestinationType").asText("cloud-watch-logs");
            String where = switch (type) {
                case "s3" -> "S3 " + destination(app, f.stack(), f.prop("LogDestination"));
                case "kinesis-data-firehose" -> "Firehose " + destination(app, f.stack(), f.prop("LogDestination"));
                default -> "CloudWatch Logs " + (f.prop("LogGroupName").isMissingNode()
                        ? destination(app, f.stack(), f.prop("LogDestination"))
                        : destination(app, f.stack(), f.prop("LogGroupName")));
            };
            out.add(f.prop("TrafficType").asText("ALL") + " \u2192 " + where);
        }
        return out;
    }

    /** @return where the VPC's Route 53 Resolver query logs go, one entry per associated query logging config. */
    private static List<String> dnsLogs(final AppTemplates app, final TemplateResource vpc) {
        List<String> out = new ArrayList<>();
        for (TemplateResource a : app.ofType("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation")) {
            if (!pointsAt(app, a.stack(), a.prop("ResourceId"), vpc)) {
                continue;
            }
            out.add(app.target(a.stack(), a.prop("ResolverQueryLogConfigId"))
                    .map(c -> destination(app, c.stack(), c.prop("DestinationArn")))
                    .orElse("query logging config " + AppTemplates.render(a.prop("ResolverQueryLogConfigId"))));
        }
        return out;
    }

    /**
     * @return what a destination value names: the resource of the app it references (its type and construct path,
     *     e.g. {@code log group Net/FlowLogs/LogGroup}), else its literal, else "(set at deploy)"
     */
    static String destination(final AppTemplates app, final StackTemplate stack, final JsonNode value) {
        Optional<TemplateResource> target = app.target(stack, value);
        if (target.isEmpty()) {
            // an ARN built with Fn::Join around a reference
            for (JsonNode inner : value.findParents("Ref")) {
                target = app.target(stack, inner.size() == 1 ? inner : null);
                if (target.isPresent()) {
                    break;
                }
            }
            for (JsonNode inner : value.findParents("Fn::GetAtt")) {
                if (target.isEmpty()) {
                    target = app.target(stack, inner.size() == 1 ? inner : null);
                }
            }
        }
        if (target.isPresent()) {
            TemplateResource t = target.get();
            String kind = switch (t.type()) {
                case "AWS::Logs::LogGroup" -> "log group";
                case "AWS::S3::Bucket" -> "bucket";
                case "AWS::KinesisFirehose::DeliveryStream" -> "delivery stream";
                default -> t.type();
            };
            return kind + " " + t.describe();
        }
        return app.literal(stack, value).orElse("(set at deploy)");
    }

    /** @return the VPC's connections to other networks, one line each. */
    private static List<String> connectivity(final AppTemplates app, final TemplateResource vpc) {
        List<String> out = new ArrayList<>();
        for (TemplateResource p : app.ofType("AWS::EC2::VPCPeeringConnection")) {
            boolean requester = pointsAt(app, p.stack(), p.prop("VpcId"), vpc);
            boolean accepter = pointsAt(app, p.stack(), p.prop("PeerVpcId"), vpc);
            if (requester || accepter) {
                JsonNode other = p.prop(requester ? "PeerVpcId" : "VpcId");
                String peer = app.target(p.stack(), other).map(NetworkView::vpcName)
                        .orElse(app.literal(p.stack(), other).orElse("(VPC set at deploy)"));
                String where = p.prop("PeerOwnerId").isMissingNode() && p.prop("PeerRegion").isMissingNode() ? ""
                        : " (" + String.join(", ", java.util.stream.Stream.of(
                                app.literal(p.stack(), p.prop("PeerOwnerId")).map(a -> "account " + a).orElse(null),
                                app.literal(p.stack(), p.prop("PeerRegion")).orElse(null))
                                .filter(java.util.Objects::nonNull).toList()) + ")";
                out.add("peering with " + peer + where);
            }
        }
        for (String type : List.of("AWS::EC2::TransitGatewayVpcAttachment", "AWS::EC2::TransitGatewayAttachment")) {
            for (TemplateResource a : app.ofType(type)) {
                if (!pointsAt(app, a.stack(), a.prop("VpcId"), vpc)) {
                    continue;
                }
                Optional<TemplateResource> tgw = app.target(a.stack(), a.prop("TransitGatewayId"));
                List<String> others = new ArrayList<>();
                for (String t2 : List.of("AWS::EC2::TransitGatewayVpcAttachment", "AWS::EC2::TransitGatewayAttachment")) {
                    for (TemplateResource b : app.ofType(t2)) {
                        Optional<TemplateResource> otherTgw = app.target(b.stack(), b.prop("TransitGatewayId"));
                        Optional<TemplateResource> otherVpc = app.target(b.stack(), b.prop("VpcId"));
                        if (b != a && tgw.isPresent() && otherTgw.isPresent() && otherTgw.get() == tgw.get()
                                && otherVpc.isPresent() && otherVpc.get() != vpc) {
                            others.add(vpcName(otherVpc.get()));
                        }
                    }
                }
                out.add("Transit Gateway " + tgw.map(TemplateResource::describe)
                        .orElse(app.literal(a.stack(), a.prop("TransitGatewayId")).orElse("(set at deploy)"))
                        + (others.isEmpty() ? "" : ", shared with " + String.join(", ", others)));
            }
        }
        for (TemplateResource g : app.ofType("AWS::EC2::VPCGatewayAttachment")) {
            if (g.prop("VpnGatewayId").isMissingNode() || !pointsAt(app, g.stack(), g.prop("VpcId"), vpc)) {
                continue;
            }
            Optional<TemplateResource> vgw = app.target(g.stack(), g.prop("VpnGatewayId"));
            List<String> peers = new ArrayList<>();
            for (TemplateResource c : app.ofType("AWS::EC2::VPNConnection")) {
                if (vgw.isPresent() && app.target(c.stack(), c.prop("VpnGatewayId")).map(x -> x == vgw.get()).orElse(false)) {
                    peers.add(app.target(c.stack(), c.prop("CustomerGatewayId"))
                            .map(cg -> "customer gateway " + app.literal(cg.stack(), cg.prop("IpAddress")).orElse(cg.describe()))
                            .orElse("a customer gateway"));
                }
            }
            out.add("Site-to-Site VPN: " + peers.size() + (peers.size() == 1 ? " connection" : " connections")
                    + (peers.isEmpty() ? "" : " to " + String.join(", ", peers)));
        }
        for (TemplateResource e : app.ofType("AWS::EC2::VPCEndpoint")) {
            if (pointsAt(app, e.stack(), e.prop("VpcId"), vpc) && e.prop("ServiceName").toString().contains("com.amazonaws.vpce")) {
                out.add("PrivateLink to " + service(e.prop("ServiceName")));
            }
        }
        return out;
    }

    private static String vpcName(final TemplateResource vpc) {
        return vpc.tag("Name").orElse(vpc.describe()) + " (" + vpc.stack().name() + ")";
    }

    /** @return the logical id a {@code Ref} or {@code Fn::GetAtt} points at in the same stack (or an import). */
    private static Optional<String> ref(final AppTemplates app, final StackTemplate stack, final JsonNode value) {
        return app.target(stack, value).map(TemplateResource::logicalId);
    }

    /** @return a literal zone, or {@code AZ n} for {@code Fn::Select [n, Fn::GetAZs]} of an environment-agnostic stack. */
    static String zone(final AppTemplates app, final StackTemplate stack, final JsonNode value) {
        Optional<String> literal = app.literal(stack, value);
        if (literal.isPresent()) {
            return literal.get();
        }
        JsonNode select = value.path("Fn::Select");
        return select.isArray() && select.size() == 2 ? "AZ " + (select.get(0).asInt() + 1) : "(zone set at deploy)";
    }

    /** @return a service name's last part ({@code com.amazonaws.eu-west-1.s3} or its {@code Fn::Join}: {@code s3}). */
    static String service(final JsonNode value) {
        String text;
        if (value.isTextual()) {
            text = value.asText();
        } else if (value.toString().contains("com.amazonaws.vpce")) {
            JsonNode producer = value.findValue("Fn::GetStackOutput");
            return "PrivateLink service" + (producer == null ? "" : " of " + producer.path("StackName").asText());
        } else if (value.path("Fn::Join").isArray() && value.path("Fn::Join").size() == 2) {
            StringBuilder b = new StringBuilder();
            value.path("Fn::Join").get(1).forEach(p -> b.append(p.isTextual() ? p.asText() : "{region}"));
            text = b.toString();
        } else {
            return AppTemplates.render(value);
        }
        int region = text.indexOf("{region}.");
        if (region >= 0) {
            return text.substring(region + "{region}.".length());
        }
        String[] parts = text.split("\\.", 4);
        return parts.length == 4 && text.startsWith("com.amazonaws.") ? parts[3] : text;
    }

    private static List<String> routes(final AppTemplates app, final StackTemplate stack, final String routeTable) {
        List<String> out = new ArrayList<>();
        for (TemplateResource r : stack.ofType("AWS::EC2::Route")) {
            if (!ref(app, stack, r.prop("RouteTableId")).map(routeTable::equals).orElse(false)) {
                continue;
            }
            String destination = r.prop("DestinationCidrBlock").isMissingNode()
                    ? r.prop("DestinationIpv6CidrBlock").isMissingNode()
                    ? app.literal(stack, r.prop("DestinationPrefixListId")).orElse("prefix list")
                    : range(app, stack, r.prop("DestinationIpv6CidrBlock"))
                    : app.literal(stack, r.prop("DestinationCidrBlock")).orElse("(CIDR set at deploy)");
            out.add(destination + " -> " + target(app, stack, r));
        }
        return out;
    }

    /** @return a CIDR's literal, or the VPC or subnet IPv6 block it names, or "(set at deploy)". */
    private static String range(final AppTemplates app, final StackTemplate stack, final JsonNode value) {
        io.securevpc.nag.model.CidrValue cidr = app.cidr(stack, value);
        return cidr.literal() != null ? cidr.literal() : cidr.ownRange() != null ? cidr.ownRange() : "(set at deploy)";
    }

    /** @return what a route sends to: IGW, egress-only IGW, NAT (and its zone), TGW, peering, VPN, endpoint. */
    private static String target(final AppTemplates app, final StackTemplate stack, final TemplateResource r) {
        if (!r.prop("NatGatewayId").isMissingNode()) {
            return app.target(stack, r.prop("NatGatewayId")).map(nat -> "NAT " + app.target(stack, nat.prop("SubnetId"))
                    .map(s -> zone(app, stack, s.prop("AvailabilityZone"))).orElse("")).orElse("NAT").trim();
        }
        if (!r.prop("GatewayId").isMissingNode()) {
            return app.target(stack, r.prop("GatewayId")).map(g -> switch (g.type()) {
                case "AWS::EC2::InternetGateway" -> "IGW";
                case "AWS::EC2::VPNGateway" -> "VPN gateway";
                default -> g.type();
            }).orElse(app.literal(stack, r.prop("GatewayId")).orElse("gateway"));
        }
        if (!r.prop("EgressOnlyInternetGatewayId").isMissingNode()) {
            return "egress-only IGW";
        }
        if (!r.prop("TransitGatewayId").isMissingNode()) {
            return "TGW";
        }
        if (!r.prop("VpcPeeringConnectionId").isMissingNode()) {
            return "peering";
        }
        if (!r.prop("VpcEndpointId").isMissingNode()) {
            return "endpoint";
        }
        return "other";
    }

    private static List<AclEntry> acl(final AppTemplates app, final StackTemplate stack, final String aclId) {
        List<AclEntry> out = new ArrayList<>();
        for (TemplateResource e : stack.ofType("AWS::EC2::NetworkAclEntry")) {
            if (!ref(app, stack, e.prop("NetworkAclId")).map(aclId::equals).orElse(false)) {
                continue;
            }
            boolean egress = e.prop("Egress").asBoolean(false);
            boolean allow = "allow".equalsIgnoreCase(e.prop("RuleAction").asText());
            String cidr = range(app, stack, e.prop("CidrBlock").isMissingNode() ? e.prop("Ipv6CidrBlock")
                    : e.prop("CidrBlock"));
            String protocol = switch (e.prop("Protocol").asText()) {
                case "-1" -> "all";
                case "6" -> "tcp";
                case "17" -> "udp";
                case "1" -> "icmp";
                case "58" -> "icmpv6";
                default -> "proto " + e.prop("Protocol").asText();
            };
            JsonNode range = e.prop("PortRange");
            String ports = range.isMissingNode() ? "" : " " + (range.path("From").asInt() == range.path("To").asInt()
                    ? String.valueOf(range.path("From").asInt()) : range.path("From").asInt() + "-" + range.path("To").asInt());
            out.add(new AclEntry(e.prop("RuleNumber").asInt(), egress, allow, (egress ? "out " : "in ")
                    + (allow ? "allow " : "deny ") + protocol + ports + (egress ? " to " : " from ") + cidr));
        }
        out.sort(java.util.Comparator.comparing(AclEntry::egress).thenComparingInt(AclEntry::number));
        return out;
    }
}
