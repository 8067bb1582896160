package io.securevpc.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.internal.Ipv4Cidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows IPv4 TCP packets through the synthesized templates of an app, the way the VPC router and the network
 * ACLs treat them (BP-NET-3, BP-NET-4): the source subnet's NACL (outbound, judged by destination), its route
 * table (longest prefix), then for a Transit Gateway the attachment subnets' NACLs as AWS evaluates them
 * ("Network ACLs for transit gateways": inbound judged by the instance's source address for packets to the Transit
 * Gateway, outbound judged by the instance's destination address for packets from it, nothing when instance and
 * attachment share a subnet) and the Transit Gateway route table, and finally the destination subnet's NACL
 * (inbound, judged by source); inside one VPC, the two subnets' NACLs. NACL entries are evaluated in rule-number
 * order, first match wins, default deny.
 * Test code: IPv4 only, literal CIDRs only, one attachment per VPC.
 */
final class NetworkPaths {
    /** A subnet of the app. */
    record Subnet(String key, String vpc, Ipv4Cidr cidr, String az, String tier) {
        /** A host address inside the subnet (the tenth), as a /32. */
        Ipv4Cidr host() {
            return new Ipv4Cidr(cidr.network() + 10, 32);
        }
    }

    private record Entry(int rule, boolean egress, boolean allow, int protocol, int from, int to, Ipv4Cidr cidr) {
        boolean matches(final boolean egress, final Ipv4Cidr address, final int port) {
            return this.egress == egress && cidr.contains(address) && (protocol == -1
                    || protocol == 6 && from <= port && port <= to);
        }
    }

    /** A route beyond the VPC: to a Transit Gateway, a peering connection or a virtual private gateway. */
    record Route(String key, Ipv4Cidr destination, String kind, String target) {
    }

    private record Attachment(String key, String vpc, List<String> subnets, String tgwRouteTable) {
    }

    private final Map<String, JsonNode> templates;
    private final Map<String, Subnet> subnets = new LinkedHashMap<>();
    private final Map<String, String> routeTableOf = new HashMap<>();
    private final Map<String, String> naclOf = new HashMap<>();
    private final Map<String, List<Entry>> entries = new HashMap<>();
    private final Map<String, List<Route>> routes = new HashMap<>();
    private final Map<String, Attachment> attachmentOfVpc = new HashMap<>();
    private final Map<String, List<Route>> tgwRoutes = new HashMap<>();
    private final Map<String, String[]> peerings = new HashMap<>();
    private final Set<String> used = new LinkedHashSet<>();

    NetworkPaths(final Map<String, JsonNode> templatesByStack) {
        this.templates = templatesByStack;
        templates.forEach((stack, template) -> template.path("Resources").fields().forEachRemaining(e ->
                read(stack, e.getKey(), e.getValue().path("Type").asText(), e.getValue().path("Properties"))));
        templates.forEach((stack, template) -> template.path("Resources").fields().forEachRemaining(e ->
                readConnections(stack, e.getKey(), e.getValue().path("Type").asText(),
                        e.getValue().path("Properties"))));
    }

    // ------------------------------------------------------------------------------------------ queries

    /** The subnets of one tier of one stack, in AZ order. */
    List<Subnet> tier(final String stack, final String tier) {
        return subnets.values().stream().filter(s -> s.key().startsWith(stack + "/") && tier.equals(s.tier()))
                .sorted(Comparator.comparing(Subnet::az)).toList();
    }

    /**
     * Sends one TCP packet from a host of {@code from} to {@code to} on {@code port}.
     *
     * @return null when it arrives, else where it is dropped
     */
    String send(final Subnet from, final Ipv4Cidr to, final int port) {
        Ipv4Cidr source = from.host();
        if (!allows(from, true, to, port)) {
            return "outbound NACL of " + from.key() + " to " + to + ":" + port;
        }
        Optional<Subnet> destination = subnetOf(to);
        if (destination.isPresent() && destination.get().vpc().equals(from.vpc())) {
            // The local route. Evaluated even inside one subnet, as load-balancer traffic is (BP-NET-9).
            return allows(destination.get(), false, source, port) ? null
                    : "inbound NACL of " + destination.get().key() + " from " + source + ":" + port;
        }
        Optional<Route> route = route(routeTableOf.get(from.key()), to);
        if (route.isEmpty()) {
            return "no route from " + from.key() + " to " + to;
        }
        used.add(route.get().key());
        switch (route.get().kind()) {
            case "vgw":
                return null;
            case "peering":
                String[] vpcs = peerings.get(route.get().target());
                if (destination.isEmpty() || !List.of(vpcs).contains(destination.get().vpc())
                        || !List.of(vpcs).contains(from.vpc())) {
                    return "peering " + route.get().target() + " does not join " + from.vpc() + " to " + to;
                }
                break;
            case "tgw":
                String dropped = throughTransitGateway(from, destination, to, port);
                if (dropped != null) {
                    return dropped;
                }
                break;
            default:
                return "unknown route kind " + route.get().kind();
        }
        return allows(destination.get(), false, source, port) ? null
                : "inbound NACL of " + destination.get().key() + " from " + source + ":" + port;
    }

    /** A packet from an on-premises address that a virtual private gateway delivers to {@code to}. */
    String receiveFromVpn(final Ipv4Cidr from, final Subnet to, final int port) {
        return allows(to, false, from, port) ? null : "inbound NACL of " + to.key() + " from " + from + ":" + port;
    }

    /** @return every route beyond a VPC, and every Transit Gateway route, that no packet sent so far used. */
    List<String> unusedRoutes() {
        List<String> unused = new ArrayList<>();
        routes.values().forEach(list -> list.stream().map(Route::key).filter(k -> !used.contains(k)).forEach(unused::add));
        tgwRoutes.values().forEach(list -> list.stream().map(Route::key).filter(k -> !used.contains(k))
                .forEach(unused::add));
        return unused;
    }

    /** @return how many routes beyond the VPCs and Transit Gateway routes there are. */
    int routeCount() {
        return routes.values().stream().mapToInt(List::size).sum() + tgwRoutes.values().stream().mapToInt(List::size).sum();
    }

    private String throughTransitGateway(final Subnet from, final Optional<Subnet> destination, final Ipv4Cidr to,
                                         final int port) {
        Attachment in = attachmentOfVpc.get(from.vpc());
        if (in == null || destination.isEmpty()) {
            return "no Transit Gateway attachment in " + from.vpc() + " or no subnet at " + to;
        }
        Subnet inSubnet = inAz(in, from.az());
        if (!allows(inSubnet, false, from.host(), port)) {
            return "inbound NACL of attachment subnet " + inSubnet.key() + " from " + from.host() + ":" + port;
        }
        Optional<Route> hop = tgwRoutes.getOrDefault(in.tgwRouteTable(), List.of()).stream()
                .filter(r -> r.destination().contains(to)).max(Comparator.comparingInt(r -> r.destination().prefix()));
        if (hop.isEmpty()) {
            return "no Transit Gateway route from " + in.key() + " to " + to;
        }
        used.add(hop.get().key());
        Attachment out = attachmentOfVpc.values().stream().filter(a -> a.key().equals(hop.get().target())).findFirst()
                .orElseThrow();
        if (!out.vpc().equals(destination.get().vpc())) {
            return "Transit Gateway route to " + to + " leads to " + out.vpc();
        }
        Subnet outSubnet = inAz(out, destination.get().az());
        if (!outSubnet.key().equals(destination.get().key()) && !allows(outSubnet, true, to, port)) {
            return "outbound NACL of attachment subnet " + outSubnet.key() + " to " + to + ":" + port;
        }
        return null;
    }

    private Subnet inAz(final Attachment attachment, final String az) {
        return attachment.subnets().stream().map(subnets::get).filter(s -> s.az().equals(az)).findFirst()
                .orElseThrow(() -> new AssertionError(attachment.key() + " has no subnet in " + az));
    }

    private Optional<Route> route(final String table, final Ipv4Cidr to) {
        return routes.getOrDefault(table, List.of()).stream().filter(r -> r.destination().contains(to))
                .max(Comparator.comparingInt(r -> r.destination().prefix()));
    }

    private Optional<Subnet> subnetOf(final Ipv4Cidr address) {
        return subnets.values().stream().filter(s -> s.cidr().contains(address)).findFirst();
    }

    private boolean allows(final Subnet subnet, final boolean egress, final Ipv4Cidr remote, final int port) {
        return entries.getOrDefault(naclOf.get(subnet.key()), List.of()).stream()
                .filter(e -> e.matches(egress, remote, port))
                .min(Comparator.comparingInt(Entry::rule)).map(Entry::allow).orElse(false);
    }

    // ------------------------------------------------------------------------------------------ reading

    private void read(final String stack, final String id, final String type, final JsonNode p) {
        String key = stack + "/" + id;
        switch (type) {
            case "AWS::EC2::Subnet" -> {
                String tier = null;
                for (JsonNode tag : p.path("Tags")) {
                    if ("aws-cdk:subnet-name".equals(tag.path("Key").asText())) {
                        tier = tag.path("Value").asText();
                    }
                }
                subnets.put(key, new Subnet(key, ref(stack, p.path("VpcId")), Ipv4Cidr.of(p.path("CidrBlock").asText()),
                        p.path("AvailabilityZone").asText(), tier));
            }
            case "AWS::EC2::SubnetRouteTableAssociation" ->
                    routeTableOf.put(ref(stack, p.path("SubnetId")), ref(stack, p.path("RouteTableId")));
            case "AWS::EC2::SubnetNetworkAclAssociation" ->
                    naclOf.put(ref(stack, p.path("SubnetId")), ref(stack, p.path("NetworkAclId")));
            case "AWS::EC2::NetworkAclEntry" -> {
                if (p.has("CidrBlock")) {
                    entries.computeIfAbsent(ref(stack, p.path("NetworkAclId")), k -> new ArrayList<>()).add(new Entry(
                            p.path("RuleNumber").asInt(), p.path("Egress").asBoolean(false),
                            "allow".equals(p.path("RuleAction").asText()), p.path("Protocol").asInt(),
                            p.path("PortRange").path("From").asInt(0), p.path("PortRange").path("To").asInt(65535),
                            Ipv4Cidr.of(p.path("CidrBlock").asText())));
                }
            }
            case "AWS::EC2::VPCPeeringConnection" ->
                    peerings.put(key, new String[] {ref(stack, p.path("VpcId")), ref(stack, p.path("PeerVpcId"))});
            default -> {
            }
        }
    }

    private void readConnections(final String stack, final String id, final String type, final JsonNode p) {
        String key = stack + "/" + id;
        switch (type) {
            case "AWS::EC2::Route" -> {
                String kind = p.has("TransitGatewayId") ? "tgw" : p.has("VpcPeeringConnectionId") ? "peering" : null;
                if (kind != null && p.has("DestinationCidrBlock")) {
                    routes.computeIfAbsent(ref(stack, p.path("RouteTableId")), k -> new ArrayList<>()).add(new Route(key,
                            Ipv4Cidr.of(p.path("DestinationCidrBlock").asText()), kind,
                            "peering".equals(kind) ? ref(stack, p.path("VpcPeeringConnectionId")) : null));
                }
            }
            case "AWS::EC2::VPNGatewayRoutePropagation" -> {
                // The VPN's static routes are propagated into these route tables.
                List<Ipv4Cidr> onPremises = new ArrayList<>();
                templates.get(stack).path("Resources").forEach(r -> {
                    if ("AWS::EC2::VPNConnectionRoute".equals(r.path("Type").asText())) {
                        onPremises.add(Ipv4Cidr.of(r.path("Properties").path("DestinationCidrBlock").asText()));
                    }
                });
                for (JsonNode table : p.path("RouteTableIds")) {
                    String t = ref(stack, table);
                    onPremises.forEach(c -> routes.computeIfAbsent(t, k -> new ArrayList<>())
                            .add(new Route(key + "->" + t + "->" + c, c, "vgw", null)));
                }
            }
            case "AWS::EC2::TransitGatewayVpcAttachment" -> {
                List<String> attachmentSubnets = new ArrayList<>();
                p.path("SubnetIds").forEach(s -> attachmentSubnets.add(ref(stack, s)));
                String table = null;
                for (var r : templates.get(stack).path("Resources").properties()) {
                    JsonNode rp = r.getValue().path("Properties");
                    if ("AWS::EC2::TransitGatewayRouteTableAssociation".equals(r.getValue().path("Type").asText())
                            && key.equals(ref(stack, rp.path("TransitGatewayAttachmentId")))) {
                        table = ref(stack, rp.path("TransitGatewayRouteTableId"));
                    }
                }
                String vpc = ref(stack, p.path("VpcId"));
                attachmentOfVpc.put(vpc, new Attachment(key, vpc, attachmentSubnets, table));
            }
            case "AWS::EC2::TransitGatewayRoute" -> tgwRoutes.computeIfAbsent(ref(stack,
                    p.path("TransitGatewayRouteTableId")), k -> new ArrayList<>()).add(new Route(key,
                    Ipv4Cidr.of(p.path("DestinationCidrBlock").asText()), "tgw",
                    ref(stack, p.path("TransitGatewayAttachmentId"))));
            default -> {
            }
        }
    }

    /** "stack/logicalId" of the resource a value refers to, across stacks (exports and stack outputs). */
    private String ref(final String stack, final JsonNode value) {
        if (value.has("Ref")) {
            return stack + "/" + value.get("Ref").asText();
        }
        if (value.has("Fn::GetAtt")) {
            return stack + "/" + value.get("Fn::GetAtt").get(0).asText();
        }
        JsonNode output = value.get("Fn::GetStackOutput");
        if (output != null) {
            String producer = output.path("StackName").asText();
            return ref(producer, templates.get(producer).path("Outputs").path(output.path("OutputName").asText())
                    .path("Value"));
        }
        JsonNode imported = value.get("Fn::ImportValue");
        if (imported != null) {
            for (var t : templates.entrySet()) {
                for (JsonNode o : t.getValue().path("Outputs")) {
                    if (imported.asText().equals(o.path("Export").path("Name").asText())) {
                        return ref(t.getKey(), o.path("Value"));
                    }
                }
            }
        }
        throw new AssertionError("cannot follow " + value + " in " + stack);
    }
}
