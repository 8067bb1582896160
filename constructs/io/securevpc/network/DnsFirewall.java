package io.securevpc.network;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.route53resolver.CfnFirewallConfig;
import software.amazon.awscdk.services.route53resolver.CfnFirewallDomainList;
import software.amazon.awscdk.services.route53resolver.CfnFirewallRuleGroup;
import software.amazon.awscdk.services.route53resolver.CfnFirewallRuleGroupAssociation;
import software.constructs.Construct;

/**
 * Route 53 Resolver DNS Firewall for one VPC (BP-NET-6): the queries the VPC's resources send to the Amazon-provided
 * resolver, which security groups and NACLs cannot filter, are checked against a rule group associated with the VPC
 * with mutation protection on, so the association cannot be changed or removed without first turning that off.
 * <ul>
 *   <li>Deny-list mode (the default): the AWS-managed threat lists given by id are answered NXDOMAIN.</li>
 *   <li>Allow-list mode ({@code allowedDomains}): after the managed lists, the allowed domains resolve and every other
 *       name ({@code *}) gets NXDOMAIN.</li>
 * </ul>
 * Fails closed (the service's default when the VPC has no {@code AWS::Route53Resolver::FirewallConfig}) unless
 * {@code failOpen} (a warning, and a FirewallConfig with FirewallFailOpen ENABLED). Without managed list ids and without an allow list the construct
 * refuses to build ({@code SVPC-024}): a hand-written block list would name a few domains and look like protection.
 */
public class DnsFirewall extends Construct {
    /** The association's priority: between 100 and 9900, the lowest a user association may take plus one. */
    static final int ASSOCIATION_PRIORITY = 101;
    private static final Pattern LIST_ID = Pattern.compile("rslvr-fdl-[0-9a-f]{8,32}");
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?([a-z0-9_-]+\\.)*[a-z0-9_-]+\\.?",
            Pattern.CASE_INSENSITIVE);

    private final CfnFirewallRuleGroupAssociation association;

    public DnsFirewall(final @NotNull Construct scope, final @NotNull String id, final @NotNull DnsFirewallProps props) {
        super(scope, id);
        validate(props);
        List<CfnFirewallRuleGroup.FirewallRuleProperty> rules = new ArrayList<>();
        List<String> managed = props.getManagedDomainListIds() == null ? List.of() : props.getManagedDomainListIds();
        for (String listId : managed) {
            rules.add(rule("BLOCK", listId, rules.size()));
        }
        if (props.getAllowedDomains() != null && !props.getAllowedDomains().isEmpty()) {
            CfnFirewallDomainList allowed = CfnFirewallDomainList.Builder.create(this, "AllowedDomains")
                    .domains(props.getAllowedDomains()).build();
            CfnFirewallDomainList all = CfnFirewallDomainList.Builder.create(this, "AllDomains")
                    .domains(List.of("*")).build();
            rules.add(rule("ALLOW", allowed.getAttrId(), rules.size()));
            rules.add(rule("BLOCK", all.getAttrId(), rules.size()));
        }
        CfnFirewallRuleGroup group = CfnFirewallRuleGroup.Builder.create(this, "RuleGroup")
                .firewallRules(rules).build();
        String vpcId = props.getVpc().getVpcId();
        this.association = CfnFirewallRuleGroupAssociation.Builder.create(this, "Association")
                .firewallRuleGroupId(group.getAttrId())
                .vpcId(vpcId)
                .priority(ASSOCIATION_PRIORITY)
                .mutationProtection("ENABLED")
                .build();
        // Fail closed is the service's default (FirewallFailOpen DISABLED): no AWS::Route53Resolver::FirewallConfig is
        // written for it, since cfn-lint 1.51 and CDK's CloudFormation validation do not know that type yet.
        if (Boolean.TRUE.equals(props.getFailOpen())) {
            CfnFirewallConfig.Builder.create(this, "Config").resourceId(vpcId).firewallFailOpen("ENABLED").build();
            Annotations.of(this).addWarningV2("@securevpc/network:dnsFirewallFailOpen",
                    "failOpen is true: DNS queries the firewall cannot evaluate are answered unfiltered (BP-NET-6).");
        }
    }

    /** @return the association of the rule group with the VPC */
    public @NotNull CfnFirewallRuleGroupAssociation getAssociation() {
        return association;
    }

    private static CfnFirewallRuleGroup.FirewallRuleProperty rule(final String action, final String listId,
                                                                  final int index) {
        CfnFirewallRuleGroup.FirewallRuleProperty.Builder b = CfnFirewallRuleGroup.FirewallRuleProperty.builder()
                .action(action).firewallDomainListId(listId).priority((index + 1) * 100);
        if ("BLOCK".equals(action)) {
            b.blockResponse("NXDOMAIN");
        }
        return b.build();
    }

    private void validate(final DnsFirewallProps props) {
        Problems problems = new Problems();
        List<String> managed = props.getManagedDomainListIds();
        List<String> allowed = props.getAllowedDomains();
        if ((managed == null || managed.isEmpty()) && (allowed == null || allowed.isEmpty())) {
            problems.add(ErrorCode.DNS_FIREWALL, "managedDomainListIds", managed,
                    "the ids (rslvr-fdl-...) of the region's AWSManagedDomainsMalwareDomainList, "
                            + "AWSManagedDomainsBotnetCommandandControl and AWSManagedDomainsAggregateThreatList "
                            + "(aws route53resolver list-firewall-domain-lists), or allowedDomains for allow-list mode");
        }
        for (int i = 0; managed != null && i < managed.size(); i++) {
            String v = managed.get(i);
            if (!Token.isUnresolved(v) && !LIST_ID.matcher(v).matches()) {
                problems.add(ErrorCode.DNS_FIREWALL, "managedDomainListIds[" + i + "]", v,
                        "a domain list id: rslvr-fdl- followed by 8 to 32 hexadecimal digits");
            }
        }
        for (int i = 0; allowed != null && i < allowed.size(); i++) {
            String v = allowed.get(i);
            if (!Token.isUnresolved(v) && !DOMAIN.matcher(v).matches()) {
                problems.add(ErrorCode.DNS_FIREWALL, "allowedDomains[" + i + "]", v,
                        "a domain name, optionally starting with '*.' (example.com, *.amazonaws.com); '*' alone "
                                + "would allow everything");
            }
        }
        problems.throwIfAny(() -> "DnsFirewall " + getNode().getPath());
    }
}
