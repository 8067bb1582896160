package io.securevpc.nag.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.CidrValue;
import io.securevpc.nag.model.TemplateResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Security-group rules as plain data: inline rules of a group and standalone ingress/egress resources alike. */
public final class Sg {
    public static final String GROUP = "AWS::EC2::SecurityGroup";
    public static final String INGRESS = "AWS::EC2::SecurityGroupIngress";
    public static final String EGRESS = "AWS::EC2::SecurityGroupEgress";

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
