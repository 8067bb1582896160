package io.securevpc.nag;

import io.github.cdklabs.cdknag.IApplyRule;
import io.github.cdklabs.cdknag.NagMessageLevel;
import io.github.cdklabs.cdknag.NagPack;
import io.github.cdklabs.cdknag.NagRuleCompliance;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.audit.AuditBaselinePresent;
import io.securevpc.nag.rules.ec2.DefaultRouteToIgwOnlyFromPublicTier;
import io.securevpc.nag.rules.ec2.EndpointServiceRestricted;
import io.securevpc.nag.rules.ec2.InterfaceEndpointPrivateDns;
import io.securevpc.nag.rules.ec2.InterfaceEndpointSecurityGroupsRestricted;
import io.securevpc.nag.rules.ec2.PeeringNoOverlappingCidrs;
import io.securevpc.nag.rules.ec2.PeeringRouteSpecific;
import io.securevpc.nag.rules.ec2.VpcEndpointPolicyRestricted;
import io.securevpc.nag.rules.iam.RoleSeparatesSecurityGroupAndNaclDuties;
import io.securevpc.nag.rules.ec2.FlowLogDestinationEncrypted;
import io.securevpc.nag.rules.ec2.FlowLogFormatComplete;
import io.securevpc.nag.rules.ec2.NetworkAclAssociated;
import io.securevpc.nag.rules.ec2.NetworkAclDenyBeforeAllow;
import io.securevpc.nag.rules.ec2.NetworkAclEphemeralReturn;
import io.securevpc.nag.rules.ec2.NetworkAclNoUnrestrictedAdminOrAllPorts;
import io.securevpc.nag.rules.ec2.RouteTableNoIgwRouteFromPrivateTier;
import io.securevpc.nag.rules.ec2.SecurityGroupNoAllowAllEgress;
import io.securevpc.nag.rules.ec2.SecurityGroupNoWorldIngress;
import io.securevpc.nag.rules.ec2.SecurityGroupPrefersGroupReferences;
import io.securevpc.nag.rules.ec2.SubnetNoPublicIpOutsidePublicTier;
import io.securevpc.nag.rules.ec2.VpcFlowLogAllTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.constructs.IConstruct;

/**
 * The project's own cdk-nag v3 pack: the VPC guidance (BP-* ids of GUIDANCE.md) that the stock packs miss.
 * Register it like any pack ({@code Validations.of(app).addPlugins(new BlueprintChecks(app))}) or through
 * {@link ComplianceGate}. Every rule is listed in {@link #RULES} and in {@code RULES.md}.
 *
 * <p>How it checks, and why: every call from Java into the CDK's JavaScript is a round trip, so the pack never
 * reads properties through {@code CfnResource} getters. When it validates, it reads the synthesized templates of
 * the whole app once with Jackson ({@link AppTemplates}; synthesizing first when called outside synth), which
 * also gives app-level rules their whole-app view. It evaluates every rule on that plain data, then hands cdk-nag
 * only the non-compliant resources (found by their construct path, from the assembly's logical-id metadata),
 * each through {@code validateScope} of that one resource and {@code applyRule}, so cdk-nag's acknowledgement
 * handling and violation format apply to every finding and a compliant resource costs no call into JavaScript.
 * Without construct paths in the assembly it falls back to cdk-nag's walk of the tree: two calls per resource
 * (its logical-id token, resolved in the validated stack), {@code applyRule} only where a rule fails.
 */
public final class BlueprintChecks extends NagPack {
    /** The pack name: rule ids are {@code BlueprintChecks-<Rule>}. */
    public static final String PACK_NAME = "BlueprintChecks";

    /** One row of the pack's table. */
    public record RuleSpec(String suffix, NagMessageLevel level, List<String> bestPractices, String info,
                           String explanation, BlueprintRule rule) {
        /** @return the full rule id, e.g. {@code BlueprintChecks-VPCFlowLogAllTraffic}. */
        public String id() {
            return PACK_NAME + "-" + suffix;
        }
    }

    /** One evaluation, kept for the gate's report. */
    public record Evaluation(RuleSpec rule, String stack, String logicalId, String constructPath, RuleResult result) {
    }

    private static final NagMessageLevel ERROR = NagMessageLevel.ERROR;
    private static final NagMessageLevel WARN = NagMessageLevel.WARN;

    /** Every rule of the pack, in the order of RULES.md. */
    public static final List<RuleSpec> RULES = List.of(
            new RuleSpec("VPCFlowLogAllTraffic", ERROR, List.of("BP-MON-1"),
                    "The VPC has no flow log of ALL traffic anywhere in the app.",
                    "Flow logs of all traffic (accepted and rejected) show over-restrictive rules, unexpected traffic "
                            + "and trends (BP-MON-1); a flow log in another stack of the app counts.",
                    new VpcFlowLogAllTraffic()),
            new RuleSpec("FlowLogFormatComplete", ERROR, List.of("BP-MON-1"),
                    "The flow log's record format lacks security-relevant fields.",
                    "Without vpc-id, subnet-id, instance-id, tcp-flags, pkt-srcaddr/pkt-dstaddr, flow-direction and "
                            + "traffic-path a record cannot be tied to a workload or to the original addresses behind "
                            + "NAT (BP-MON-1).",
                    new FlowLogFormatComplete()),
            new RuleSpec("FlowLogDestinationEncrypted", ERROR, List.of("BP-MON-1"),
                    "The flow log's destination is not encrypted with a customer-managed KMS key.",
                    "Flow logs record every connection of the VPC; a customer-managed key's policy decides who can "
                            + "read them (BP-MON-1).",
                    new FlowLogDestinationEncrypted()),
            new RuleSpec("SecurityGroupNoWorldIngress", ERROR, List.of("BP-NET-2", "BP-NET-10"),
                    "The security group allows ingress from 0.0.0.0/0 or ::/0 other than TCP 80/443 on a group "
                            + "marked public.",
                    "Internet ingress belongs to an explicit public tier (BP-NET-10): only load balancers' groups, "
                            + "tagged securevpc:public-ingress=true, take 80/443 from anywhere (BP-NET-2).",
                    new SecurityGroupNoWorldIngress()),
            new RuleSpec("SecurityGroupNoAllowAllEgress", WARN, List.of("BP-NET-2", "BP-IAM-1"),
                    "The security group allows all traffic to 0.0.0.0/0 or ::/0 (or has AWS's default egress).",
                    "Egress is least privilege too (BP-IAM-1): allow only the ports and peers the members need (BP-NET-2).",
                    new SecurityGroupNoAllowAllEgress()),
            new RuleSpec("SecurityGroupPrefersGroupReferences", WARN, List.of("BP-NET-2", "BP-NET-8"),
                    "The security group rule names a wide CIDR where a security-group reference would do.",
                    "Rules that reference groups follow their members; a rule on private CIDRs does not match "
                            + "traffic that arrives with a public source address (BP-NET-2, BP-NET-8).",
                    new SecurityGroupPrefersGroupReferences()),
            new RuleSpec("NACLNoUnrestrictedAdminOrAllPorts", ERROR, List.of("BP-NET-4", "BP-NET-5"),
                    "The NACL entry allows 0.0.0.0/0 or ::/0 to SSH/RDP (22/3389) or to every port.",
                    "NACLs are the subnet-level guard and the place for explicit denies (BP-NET-4, BP-NET-5); they "
                            + "must never open remote administration or all ports to the internet.",
                    new NetworkAclNoUnrestrictedAdminOrAllPorts()),
            new RuleSpec("NACLDenyBeforeAllow", ERROR, List.of("BP-NET-4", "BP-NET-5"),
                    "A deny entry of the NACL is numbered above an allow entry of the same direction.",
                    "Entries are evaluated in rule-number order and the first match wins (BP-NET-4): a deny after "
                            + "an allow may never apply, so block lists sit below every allow (BP-NET-5).",
                    new NetworkAclDenyBeforeAllow()),
            new RuleSpec("NACLEphemeralReturn", ERROR, List.of("BP-NET-4", "BP-NET-5"),
                    "The NACL allows inbound traffic whose responses no outbound entry lets out on ephemeral ports.",
                    "NACLs are stateless: return traffic needs its own outbound entry on the ephemeral range "
                            + "1024-65535 (BP-NET-4), or the subnet-level guard of BP-NET-5 breaks its own tier.",
                    new NetworkAclEphemeralReturn()),
            new RuleSpec("NACLAssociated", WARN, List.of("BP-NET-4"),
                    "The NACL is associated with no subnet.",
                    "A NACL filters only its associated subnets (BP-NET-4); an unassociated one usually means the "
                            + "subnets fell back to the default NACL.",
                    new NetworkAclAssociated()),
            new RuleSpec("SubnetNoPublicIpOutsidePublicTier", ERROR, List.of("BP-NET-1", "BP-NET-10"),
                    "A subnet outside the public tier assigns public IPv4 addresses at launch.",
                    "Workloads live in private subnets (BP-NET-1); inbound exposure stays in an explicit public tier "
                            + "(BP-NET-10).",
                    new SubnetNoPublicIpOutsidePublicTier()),
            new RuleSpec("PrivateRouteTableNoIGWRoute", ERROR, List.of("BP-NET-3", "BP-NET-10"),
                    "The route table of a private or isolated subnet has a route to an internet gateway.",
                    "Routes decide where traffic goes (BP-NET-3); private tiers reach out through NAT only, "
                            + "isolated ones not at all (BP-NET-10).",
                    new RouteTableNoIgwRouteFromPrivateTier()),
            new RuleSpec("DefaultRouteToIGWOnlyFromPublicTier", ERROR, List.of("BP-NET-3", "BP-NET-10"),
                    "A default route to an internet gateway serves subnets outside the public tier.",
                    "Routes decide where traffic goes (BP-NET-3); the internet gateway is the way in from the "
                            + "internet: keep it to the explicit public tier (BP-NET-10).",
                    new DefaultRouteToIgwOnlyFromPublicTier()),
            new RuleSpec("VPCEndpointPolicyRestricted", ERROR, List.of("BP-EP-2", "BP-EP-3"),
                    "The VPC endpoint has no policy, or a statement allowing Principal * every action with no Condition.",
                    "An endpoint policy is the resource policy of the endpoint (BP-EP-3) and how gateway endpoints "
                            + "are controlled (BP-EP-2); without one, or with a full-access one, the endpoint reaches "
                            + "any resource of the service, of any account.",
                    new VpcEndpointPolicyRestricted()),
            new RuleSpec("InterfaceEndpointPrivateDNS", ERROR, List.of("BP-EP-5"),
                    "The interface endpoint does not enable private DNS.",
                    "With private DNS the service's name resolves to the endpoint inside the VPC, so clients use it "
                            + "instead of the public endpoint (BP-EP-5).",
                    new InterfaceEndpointPrivateDns()),
            new RuleSpec("InterfaceEndpointSecurityGroupsRestricted", ERROR, List.of("BP-EP-5", "BP-NET-2"),
                    "A security group of the interface endpoint allows ingress from 0.0.0.0/0 or ::/0, or on every port.",
                    "Interface endpoints take security groups on their ENIs (BP-EP-5): allow the service port from "
                            + "the VPC's clients only (BP-NET-2).",
                    new InterfaceEndpointSecurityGroupsRestricted()),
            new RuleSpec("PeeringRouteSpecific", ERROR, List.of("BP-MV-1", "BP-MV-2"),
                    "A route through a VPC peering connection is a default route or reaches beyond the peer VPC.",
                    "Peering is not transitive (BP-MV-2): route only the peer's specific CIDRs to keep the blast "
                            + "radius small (BP-MV-1).",
                    new PeeringRouteSpecific()),
            new RuleSpec("PeeringNoOverlappingCIDRs", ERROR, List.of("BP-MV-2"),
                    "The two VPCs of the peering connection have overlapping CIDRs.",
                    "Overlapping ranges cannot be routed between peered VPCs (BP-MV-2).",
                    new PeeringNoOverlappingCidrs()),
            new RuleSpec("EndpointServiceRestricted", ERROR, List.of("BP-MV-3"),
                    "The PrivateLink endpoint service does not require acceptance, or does not name its allowed "
                            + "principals, or allows *.",
                    "A service you provide over PrivateLink (BP-MV-3) accepts only the consumers it names and "
                            + "approves.",
                    new EndpointServiceRestricted()),
            new RuleSpec("AuditBaselinePresent", ERROR, List.of("BP-AUD-1", "BP-AUD-2", "BP-MON-2"),
                    "The app creates a VPC but has no multi-region trail with log file validation, Config recorder "
                            + "or GuardDuty detector, and does not declare that the account has them.",
                    "CloudTrail records every API call (BP-AUD-1), Config every configuration change (BP-AUD-2), "
                            + "GuardDuty watches flow and DNS logs (BP-MON-2): a VPC without them is unobserved.",
                    new AuditBaselinePresent()),
            new RuleSpec("RoleSeparatesSecurityGroupAndNACLDuties", WARN, List.of("BP-IAM-4", "BP-NET-5"),
                    "The IAM role can modify both security groups and network ACLs.",
                    "Security groups and NACLs are managed through different actions so that different roles can "
                            + "own them (BP-IAM-4, BP-NET-5).",
                    new RoleSeparatesSecurityGroupAndNaclDuties()));

    private static final Map<String, List<RuleSpec>> BY_TYPE = RULES.stream()
            .flatMap(s -> s.rule().resourceTypes().stream().map(t -> Map.entry(t, s)))
            .collect(Collectors.groupingBy(Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));

    private final List<RuleSpec> rules;
    private final Map<String, List<RuleSpec>> byType;
    private final Map<Stack, StackTemplate> stackTemplates = new IdentityHashMap<>();
    private final List<Evaluation> evaluations = new ArrayList<>();
    /** Non-compliant results waiting for cdk-nag to visit their resource (fast path). */
    private final Map<CfnResource, List<Map.Entry<RuleSpec, RuleResult>>> pending = new IdentityHashMap<>();
    private IConstruct loadedRoot;
    /** The stack being validated (the gate validates stack by stack), so resources need not be asked for theirs. */
    private Stack scopeStack;
    private AppTemplates templates;

    public BlueprintChecks(final @Nullable IConstruct scope) {
        this(scope, RULES);
    }

    /** A pack of some of the rules (tests, tools); the gate always uses them all. */
    public BlueprintChecks(final @Nullable IConstruct scope, final @NotNull List<RuleSpec> rules) {
        super(scope);
        setPackName(PACK_NAME);
        this.rules = List.copyOf(rules);
        this.byType = rules == RULES ? BY_TYPE : rules.stream()
                .flatMap(s -> s.rule().resourceTypes().stream().map(t -> Map.entry(t, s)))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    @Override
    public @NotNull String getName() {
        return PACK_NAME;
    }

    @Override
    public @NotNull List<String> getRuleIds() {
        return rules.stream().map(RuleSpec::id).toList();
    }

    /** @return every evaluation since the pack was created (verdict per rule and resource, compliant ones included). */
    public @NotNull List<Evaluation> getEvaluations() {
        return Collections.unmodifiableList(evaluations);
    }

    /** @return the templates of the last validated app, or {@code null} before any validation. */
    public @Nullable AppTemplates getTemplates() {
        return templates;
    }

    @Override
    public @NotNull PolicyValidationPluginReport validateScope(final @NotNull IConstruct scope) {
        IConstruct root = scope.getNode().getRoot();
        load(root);
        String scopePath = scope.getNode().getPath();
        List<TemplateResource> inScope = new ArrayList<>();
        for (StackTemplate t : templates.stacks().values()) {
            for (TemplateResource r : t.resources().values()) {
                if (r.constructPath() == null) {
                    return validateByWalking(scope);
                }
                if (scopePath.isEmpty() || r.constructPath().equals(scopePath)
                        || r.constructPath().startsWith(scopePath + "/")) {
                    inScope.add(r);
                }
            }
        }
        return validateFromTemplates(root, inScope);
    }

    /**
     * The fast path: every rule is evaluated on the templates, and cdk-nag is handed only the non-compliant
     * resources (found by construct path), one {@code validateScope} each, so compliant resources cost no call
     * into JavaScript at all. Acknowledgements and the violation format stay cdk-nag's.
     */
    private PolicyValidationPluginReport validateFromTemplates(final IConstruct root, final List<TemplateResource> resources) {
        Map<String, PolicyViolation> merged = new java.util.LinkedHashMap<>();
        for (TemplateResource resource : resources) {
            List<Map.Entry<RuleSpec, RuleResult>> failed = new ArrayList<>();
            for (RuleSpec spec : byType.getOrDefault(resource.type(), List.of())) {
                RuleResult result = spec.rule().check(resource, templates);
                evaluations.add(new Evaluation(spec, resource.stack().name(), resource.logicalId(),
                        resource.constructPath(), result));
                if (result.isNonCompliant()) {
                    failed.add(Map.entry(spec, result));
                }
            }
            if (failed.isEmpty()) {
                continue;
            }
            IConstruct node = find(root, resource.constructPath());
            if (!(node instanceof CfnResource cfn)) {
                continue;
            }
            pending.put(cfn, failed);
            try {
                for (PolicyViolation v : super.validateScope(cfn).getViolations()) {
                    PolicyViolation before = merged.get(v.getRuleName());
                    if (before == null) {
                        merged.put(v.getRuleName(), v);
                    } else {
                        List<PolicyViolatingResource> all = new ArrayList<>(before.getViolatingResources());
                        all.addAll(v.getViolatingResources());
                        merged.put(v.getRuleName(), PolicyViolation.builder().ruleName(before.getRuleName())
                                .description(before.getDescription()).severity(before.getSeverity())
                                .violatingResources(all).build());
                    }
                }
            } finally {
                pending.remove(cfn);
            }
        }
        List<PolicyViolation> violations = List.copyOf(merged.values());
        return PolicyValidationPluginReport.builder().success(violations.isEmpty()).violations(violations).build();
    }

    private static IConstruct find(final IConstruct root, final String path) {
        IConstruct node = root;
        for (String id : path.split("/")) {
            node = node == null ? null : node.getNode().tryFindChild(id);
        }
        return node;
    }

    /** The general path (templates without construct paths): cdk-nag walks the tree and calls checkResource. */
    private PolicyValidationPluginReport validateByWalking(final IConstruct scope) {
        scopeStack = Stack.isStack(scope) ? (Stack) scope : null;
        try {
            return super.validateScope(scope);
        } finally {
            scopeStack = null;
        }
    }

    /**
     * Reads the app's templates once per app. During synth (CDK calls plugins after writing the assembly) the
     * manifest is there; called directly on an app not yet synthesized, the app is synthesized first.
     */
    private void load(final IConstruct root) {
        if (root == loadedRoot && templates != null) {
            return;
        }
        Stage app = (Stage) root;
        Path outdir = Paths.get(app.getOutdir());
        if (!Files.exists(outdir.resolve("manifest.json"))) {
            app.synth();
        }
        templates = AppTemplates.fromAssembly(outdir);
        loadedRoot = root;
        stackTemplates.clear();
    }

    @Override
    protected void checkResource(final @NotNull CfnResource node) {
        if (!pending.isEmpty()) {
            List<Map.Entry<RuleSpec, RuleResult>> failed = pending.get(node);
            if (failed != null) {
                failed.forEach(f -> report(f.getKey(), node, f.getValue()));
            }
            return;
        }
        Stack stack = scopeStack != null ? scopeStack : node.getStack();
        StackTemplate template = stackTemplates.computeIfAbsent(stack, s -> templates.stack(s.getArtifactId()));
        if (template == null) {
            return;
        }
        // the logical id as rendered (overrideLogicalId included, e.g. CfnInclude); Stack.getLogicalId ignores overrides
        TemplateResource resource = template.resource(String.valueOf(stack.resolve(node.getLogicalId())));
        if (resource == null) {
            return;
        }
        for (RuleSpec spec : byType.getOrDefault(resource.type(), List.of())) {
            RuleResult result = spec.rule().check(resource, templates);
            evaluations.add(new Evaluation(spec, template.name(), resource.logicalId(), resource.constructPath(), result));
            if (result.isNonCompliant()) {
                report(spec, node, result);
            }
        }
    }

    /** Hands a non-compliant result to cdk-nag: plain findings with the rule's info, "cannot check" ones apart. */
    private void report(final RuleSpec spec, final CfnResource node, final RuleResult result) {
        List<Finding> checked = result.findings().stream().filter(f -> !f.cannotCheck()).toList();
        List<Finding> unresolved = result.findings().stream().filter(Finding::cannotCheck).toList();
        if (!checked.isEmpty()) {
            String detail = checked.stream().map(Finding::message).collect(Collectors.joining("; "));
            applyRule(new AppliedRule(spec, node, spec.info() + " " + detail, compliance(checked)));
        }
        if (!unresolved.isEmpty()) {
            String detail = unresolved.stream().map(Finding::message).collect(Collectors.joining("; "));
            applyRule(new AppliedRule(spec, node, detail, compliance(unresolved)));
        }
    }

    private static Object compliance(final List<Finding> findings) {
        if (findings.stream().allMatch(f -> f.id() == null)) {
            return NagRuleCompliance.NON_COMPLIANT;
        }
        return findings.stream().map(f -> Objects.requireNonNullElse(f.id(), "Resource")).distinct().toList();
    }

    /** The {@link IApplyRule} of one precomputed result: cdk-nag reads it back through jsii. */
    private static final class AppliedRule implements IApplyRule {
        private String explanation;
        private String info;
        private NagMessageLevel level;
        private CfnResource node;
        private String suffix;
        private final Object result;

        AppliedRule(final RuleSpec spec, final CfnResource node, final String info, final Object result) {
            this.explanation = spec.explanation();
            this.info = info;
            this.level = spec.level();
            this.node = node;
            this.suffix = spec.suffix();
            this.result = result;
        }

        @Override
        public String getExplanation() {
            return explanation;
        }

        @Override
        public void setExplanation(final String value) {
            this.explanation = value;
        }

        @Override
        public String getInfo() {
            return info;
        }

        @Override
        public void setInfo(final String value) {
            this.info = value;
        }

        @Override
        public NagMessageLevel getLevel() {
            return level;
        }

        @Override
        public void setLevel(final NagMessageLevel value) {
            this.level = value;
        }

        @Override
        public CfnResource getNode() {
            return node;
        }

        @Override
        public void setNode(final CfnResource value) {
            this.node = value;
        }

        @Override
        public String getRuleSuffixOverride() {
            return suffix;
        }

        @Override
        public void setRuleSuffixOverride(final String value) {
            this.suffix = value;
        }

        @Override
        public Object rule(final CfnResource resource) {
            return result;
        }
    }
}
