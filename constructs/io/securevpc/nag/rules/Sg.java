package io.securevpc.nag.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.internal.AddressSet;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.CidrValue;
import io.securevpc.nag.model.TemplateResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Security-group rules as plain data: inline rules of a group and standalone ingress/egress resources alike. */
public final class Sg {
    public static final String GROUP = "AWS::EC2::SecurityGroup";
    public static final String INGRESS = "AWS::EC2::SecurityGroupIngress";
    public static final String EGRESS = "AWS::EC2::SecurityGroupEgress";
    public static final String PREFIX_LIST = "AWS::EC2::PrefixList";

    private Sg() {
    }

    /** One rule: {@code where} names it in messages, {@code json} is its CloudFormation form. */
    public record Rule(String where, boolean egress, JsonNode json) {
        /** @return the CIDR property in use ({@code CidrIp} or {@code CidrIpv6}), or null when the peer is a group or prefix list. */
        public @Nullable String cidrProperty() {
            if (json.has("CidrIp")) {
                return "CidrIp";
            }
            return json.has("CidrIpv6") ? "CidrIpv6" : null;
        }
    }

    /** A rule whose peer is a CIDR, with the CIDR resolved. */
    public record CidrRule(Rule rule, CidrValue cidr) {
    }

    /**
     * The rules among {@code rules} whose peer is a CIDR synth can resolve; for each CIDR it cannot resolve, a
     * "cannot check" finding is added to {@code findings} instead.
     */
    public static @NotNull List<CidrRule> cidrRules(final @NotNull List<Rule> rules, final @NotNull TemplateResource r,
                                                    final @NotNull AppTemplates app, final @NotNull List<Finding> findings) {
        List<CidrRule> out = new ArrayList<>();
        for (Rule rule : rules) {
            String prop = rule.cidrProperty();
            if (prop == null) {
                continue;
            }
            JsonNode raw = rule.json().path(prop);
            CidrValue cidr = app.cidr(r.stack(), raw);
            if (cidr.isKnown()) {
                out.add(new CidrRule(rule, cidr));
            } else {
                findings.add(Finding.cannotCheck(rule.where() + "." + prop, AppTemplates.render(raw)));
            }
        }
        return out;
    }

    /**
     * A rule's peer as addresses: {@code addresses} is null when the peer is a security group; {@code cannotCheck}
     * is set when the peer is an address range synth cannot know (a parameter, or a prefix list whose entries are
     * not in the app).
     */
    public record Peer(@Nullable AddressSet addresses, @Nullable Finding cannotCheck, @NotNull String display) {
    }

    /**
     * The addresses of a rule's peer: a CIDR (the IPv6 block of a VPC of the app counts as no public address), or
     * a prefix list defined in the app ({@code AWS::EC2::PrefixList} with literal entries). A prefix list of AWS or
     * of another app (a {@code pl-} id) cannot be checked: its entries are not in the templates (BP-EP-4).
     */
    public static @NotNull Peer peer(final @NotNull Rule rule, final @NotNull TemplateResource r,
                                     final @NotNull AppTemplates app) {
        String cidrProp = rule.cidrProperty();
        if (cidrProp != null) {
            JsonNode raw = rule.json().path(cidrProp);
            CidrValue cidr = app.cidr(r.stack(), raw);
            if (cidr.literal() != null) {
                Optional<AddressSet> parsed = AddressSet.parse(cidr.literal());
                return parsed.map(a -> new Peer(a, null, cidr.literal())).orElseGet(() -> new Peer(null,
                        Finding.cannotCheck(rule.where() + "." + cidrProp, cidr.literal()), cidr.literal()));
            }
            if (cidr.ownRange() != null) {
                return new Peer(AddressSet.empty(), null, cidr.ownRange());
            }
            return new Peer(null, Finding.cannotCheck(rule.where() + "." + cidrProp, AppTemplates.render(raw)),
                    AppTemplates.render(raw));
        }
        String plProp = rule.egress() ? "DestinationPrefixListId" : "SourcePrefixListId";
        if (!rule.json().has(plProp)) {
            return new Peer(null, null, "security group");
        }
        JsonNode raw = rule.json().path(plProp);
        Optional<AddressSet> entries = app.target(r.stack(), raw).filter(pl -> PREFIX_LIST.equals(pl.type()))
                .flatMap(pl -> prefixListEntries(pl, app));
        String display = app.literal(r.stack(), raw).orElse(AppTemplates.render(raw));
        return entries.map(a -> new Peer(a, null, "prefix list " + display))
                .orElseGet(() -> new Peer(null, Finding.cannotCheck(rule.where() + "." + plProp, display), display));
    }

    /** @return the union of an app prefix list's entries, when every entry is a literal CIDR. */
    public static @NotNull Optional<AddressSet> prefixListEntries(final @NotNull TemplateResource prefixList,
                                                                  final @NotNull AppTemplates app) {
        AddressSet set = AddressSet.empty();
        JsonNode entries = prefixList.prop("Entries");
        if (!entries.isArray()) {
            return Optional.empty();
        }
        for (JsonNode e : entries) {
            Optional<AddressSet> cidr = app.literal(prefixList.stack(), e.path("Cidr")).flatMap(AddressSet::parse);
            if (cidr.isEmpty()) {
                return Optional.empty();
            }
            set = set.union(cidr.get());
        }
        return Optional.of(set);
    }

    /**
     * @return every ingress rule of the group, wherever in the app it is defined: its inline rules and the
     *     standalone {@code AWS::EC2::SecurityGroupIngress} resources whose {@code GroupId} names it, each with the
     *     resource that defines it
     */
    public static @NotNull List<Map.Entry<TemplateResource, Rule>> allIngress(final @NotNull TemplateResource group,
                                                                           final @NotNull AppTemplates app) {
        List<Map.Entry<TemplateResource, Rule>> out = new ArrayList<>();
        rules(group, false).forEach(rule -> out.add(Map.entry(group, rule)));
        for (TemplateResource ingress : app.ofType(INGRESS)) {
            if (app.target(ingress.stack(), ingress.prop("GroupId")).map(g -> g == group).orElse(false)) {
                rules(ingress, false).forEach(rule -> out.add(Map.entry(ingress, rule)));
            }
        }
        return out;
    }

    /** @return the rules of one direction that this resource defines (inline for a group, itself for a standalone rule). */
    public static @NotNull List<Rule> rules(final @NotNull TemplateResource r, final boolean egress) {
        List<Rule> out = new ArrayList<>();
        if (GROUP.equals(r.type())) {
            String prop = egress ? "SecurityGroupEgress" : "SecurityGroupIngress";
            int i = 0;
            for (JsonNode rule : r.prop(prop)) {
                out.add(new Rule(prop + "[" + i++ + "]", egress, rule));
            }
        } else if ((egress ? EGRESS : INGRESS).equals(r.type())) {
            out.add(new Rule(r.logicalId(), egress, r.properties()));
        }
        return out;
    }

    /** @return the group a standalone rule belongs to, or the group itself. */
    public static @NotNull Optional<TemplateResource> group(final @NotNull TemplateResource r,
                                                           final @NotNull AppTemplates app) {
        if (GROUP.equals(r.type())) {
            return Optional.of(r);
        }
        return app.target(r.stack(), r.prop("GroupId")).filter(g -> GROUP.equals(g.type()));
    }

    /** @return the protocol name ({@code all}, {@code tcp}, ...), or empty when it is an unresolved intrinsic. */
    public static @NotNull Optional<String> protocol(final Rule rule) {
        JsonNode p = rule.json().path("IpProtocol");
        return p.isValueNode() ? Optional.of(Net.protocol(p.asText())) : Optional.empty();
    }

    /** @return the rule's ports; all ports for protocol {@code all}; empty when unresolved. */
    public static @NotNull Optional<Net.Ports> ports(final Rule rule) {
        Optional<String> protocol = protocol(rule);
        if (protocol.isEmpty()) {
            return Optional.empty();
        }
        if ("all".equals(protocol.get())) {
            return Optional.of(Net.Ports.ALL);
        }
        JsonNode from = rule.json().path("FromPort");
        JsonNode to = rule.json().path("ToPort");
        if (from.isMissingNode() && to.isMissingNode()) {
            return Optional.of(Net.Ports.ALL);
        }
        if (!from.isValueNode() || !to.isValueNode()) {
            return Optional.empty();
        }
        int f = from.asInt();
        int t = to.asInt();
        return Optional.of(f == -1 || t == -1 ? Net.Ports.ALL : new Net.Ports(f, t));
    }
}
