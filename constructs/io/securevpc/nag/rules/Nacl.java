package io.securevpc.nag.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.CidrValue;
import io.securevpc.nag.model.TemplateResource;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Network ACL entries as plain data, and the links between NACLs, entries and subnets. */
public final class Nacl {
    public static final String ACL = "AWS::EC2::NetworkAcl";
    public static final String ENTRY = "AWS::EC2::NetworkAclEntry";
    public static final String ASSOCIATION = "AWS::EC2::SubnetNetworkAclAssociation";

    private Nacl() {
    }

    /**
     * One entry. {@code cidr} is the literal CIDR or {@code null} when unresolved ({@code rawCidr} then holds
     * the intrinsic); {@code number} is {@code null} when unresolved; {@code ports} is empty when unresolved.
     */
    public record Entry(TemplateResource resource, boolean egress, @Nullable Integer number, boolean allow,
                        boolean ipv6, @Nullable String cidr, JsonNode rawCidr, boolean ownRange, String protocol,
                        Optional<Net.Ports> ports) {
        /** @return e.g. {@code ingress-1000}, the granular finding id of this entry. */
        public @NotNull String label() {
            return (egress ? "egress-" : "ingress-") + (number != null ? number : resource.logicalId());
        }

        /** @return whether the entry's CIDR covers {@code other}'s (equal intrinsics count as covering). */
        public boolean covers(final Entry other) {
            if (cidr != null && other.cidr != null) {
                return Net.covers(cidr, other.cidr);
            }
            return rawCidr.equals(other.rawCidr) || (cidr != null && Net.isWorld(cidr) && ipv6 == other.ipv6);
        }

        public boolean overlaps(final Entry other) {
            if (cidr != null && other.cidr != null) {
                return Net.overlaps(cidr, other.cidr);
            }
            return covers(other) || other.covers(this);
        }

        /** @return whether the protocol carries ports this entry's protocol allows. */
        public boolean allowsProtocolOf(final Entry other) {
            return "all".equals(protocol) || protocol.equals(other.protocol);
        }
    }

    /** Reads one {@code AWS::EC2::NetworkAclEntry}. */
    public static @NotNull Entry entry(final @NotNull TemplateResource r, final @NotNull AppTemplates app) {
        boolean egress = r.prop("Egress").asText("false").equalsIgnoreCase("true");
        JsonNode number = r.prop("RuleNumber");
        boolean allow = "allow".equalsIgnoreCase(r.prop("RuleAction").asText());
        boolean ipv6 = r.properties().has("Ipv6CidrBlock");
        JsonNode raw = ipv6 ? r.prop("Ipv6CidrBlock") : r.prop("CidrBlock");
        CidrValue value = app.cidr(r.stack(), raw);
        String cidr = value.literal();
        String protocol = r.prop("Protocol").isValueNode() ? Net.protocol(r.prop("Protocol").asText()) : "?";
        Optional<Net.Ports> ports;
        if ("all".equals(protocol)) {
            ports = Optional.of(Net.Ports.ALL);
        } else if (r.prop("PortRange").isObject() && r.prop("PortRange").path("From").isValueNode()
                && r.prop("PortRange").path("To").isValueNode()) {
            ports = Optional.of(new Net.Ports(r.prop("PortRange").path("From").asInt(),
                    r.prop("PortRange").path("To").asInt()));
        } else if ("tcp".equals(protocol) || "udp".equals(protocol) || "?".equals(protocol)) {
            ports = Optional.empty();
        } else {
            ports = Optional.of(Net.Ports.ALL);
        }
        return new Entry(r, egress, number.isValueNode() ? number.asInt() : null, allow, ipv6, cidr, raw,
                value.ownRange() != null, protocol, ports);
    }

    /** @return the entries of {@code acl}, wherever in the app they are defined. */
    public static @NotNull List<Entry> entries(final @NotNull TemplateResource acl, final @NotNull AppTemplates app) {
        Map<TemplateResource, List<Entry>> byAcl;
        synchronized (ENTRIES_BY_ACL) {
            byAcl = ENTRIES_BY_ACL.computeIfAbsent(app, Nacl::entriesByAcl);
        }
        return new java.util.ArrayList<>(byAcl.getOrDefault(acl, List.of()));
    }

    /**
     * The entries of every NACL of an app, grouped once per app (in the app's order): a rule asks for the siblings of
     * each entry, and filtering every entry of the app per question grew with the square of the environments.
     */
    private static final Map<AppTemplates, Map<TemplateResource, List<Entry>>> ENTRIES_BY_ACL = new WeakHashMap<>();

    private static Map<TemplateResource, List<Entry>> entriesByAcl(final AppTemplates app) {
        Map<TemplateResource, List<Entry>> byAcl = new IdentityHashMap<>();
        for (TemplateResource e : app.ofType(ENTRY)) {
            app.target(e.stack(), e.prop("NetworkAclId"))
                    .ifPresent(acl -> byAcl.computeIfAbsent(acl, k -> new java.util.ArrayList<>()).add(entry(e, app)));
        }
        return byAcl;
    }

    /** @return the subnets associated with {@code acl} in the app (resolved ones). */
    public static @NotNull List<TemplateResource> associations(final @NotNull TemplateResource acl,
                                                             final @NotNull AppTemplates app) {
        return app.ofType(ASSOCIATION).stream()
                .filter(a -> app.target(a.stack(), a.prop("NetworkAclId")).map(t -> t == acl).orElse(false))
                .collect(Collectors.toList());
    }
}
