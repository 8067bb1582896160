package io.securevpc.defaults;

import io.securevpc.network.DefaultSecurityGroupProvider;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.AspectOptions;
import software.amazon.awscdk.AspectPriority;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.IPropertyInjector;
import software.amazon.awscdk.PropertyInjectors;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * The blueprint's secure defaults for an app's own constructs, as CDK property injectors: wherever the app left a
 * prop unset, a plain L2 construct gets what {@code SecureVpc} and the other blueprint constructs use. A prop the
 * app set is never changed.
 *
 * <pre>
 * App app = new App();
 * SecureDefaults.applyTo(app);          // before any construct is created
 * // ... stacks with plain Vpc, Bucket, LogGroup, ... constructs ...
 * ComplianceGate.applyTo(app);
 * </pre>
 *
 * <table>
 * <caption>Defaults per construct (only where unset)</caption>
 * <tr><th>construct</th><th>defaults</th></tr>
 * <tr><td>{@code Vpc}</td><td>isolated subnets only ({@code workload} /22, {@code endpoints} /26; no internet
 *   gateway, no NAT) unless subnets or NAT are configured; {@code mapPublicIpOnLaunch} false on public subnets;
 *   default security group restricted; flow logs (then as {@code FlowLog})</td></tr>
 * <tr><td>{@code FlowLog}</td><td>traffic ALL, every field of versions 2-5 ({@code FlowLogFormat}); to a
 *   CloudWatch Logs group (as {@code LogGroup}) through a delivery role with a customer managed policy on that
 *   group only and a confused-deputy-safe trust policy; for a VPC's flow log created that way, Route 53 Resolver
 *   query logging of the VPC to a second log group (BP-MON-1, BP-NET-6)</td></tr>
 * <tr><td>{@code SecurityGroup}</td><td>no egress ({@code allowAllOutbound} false)</td></tr>
 * <tr><td>{@code InterfaceVpcEndpoint}</td><td>closed ({@code open} false: no ingress until a consumer is
 *   allowed), private DNS on; its own security group has no egress</td></tr>
 * <tr><td>{@code InterfaceVpcEndpoint}, {@code GatewayVpcEndpoint}</td><td>an endpoint policy that keeps callers
 *   and resources in the stack's account (BP-EP-3), unless the endpoint's policy is set before synth</td></tr>
 * <tr><td>{@code LogGroup}</td><td>encrypted with the stack's shared customer managed key (rotated)</td></tr>
 * <tr><td>{@code Bucket}</td><td>SSE-KMS under a customer managed key (rotated) with an S3 Bucket Key, SSL-only
 *   with TLS 1.2 or newer, all public access blocked, bucket owner enforced, versioned, server access logs to
 *   the stack's shared access-log bucket</td></tr>
 * <tr><td>{@code Key}</td><td>key rotation on</td></tr>
 * <tr><td>{@code Topic}</td><td>SSL-only; encrypted with a customer managed key of its own (rotated)</td></tr>
 * </table>
 *
 * <p>Constructs that the blueprint's own constructs create are left alone (they set what they rely on).
 * Cost: one call from the CDK's JavaScript side into Java per construct of these types, plus a few for the
 * resources a default creates.
 */
public final class SecureDefaults {
    private final Map<Stack, SharedResources> shared = new IdentityHashMap<>();
    private final Map<IConstruct, EndpointPolicies> endpointPolicies = new IdentityHashMap<>();
    private final List<IPropertyInjector> injectors;

    private SecureDefaults() {
        this.injectors = List.of(
                new NetworkDefaults.VpcDefaults(), new NetworkDefaults.SecurityGroupDefaults(),
                new NetworkDefaults.FlowLogDefaults(), new NetworkDefaults.InterfaceEndpointDefaults(this),
                new NetworkDefaults.GatewayEndpointDefaults(this),
                new DataDefaults.LogGroupDefaults(this), new DataDefaults.BucketDefaults(this),
                new DataDefaults.KeyDefaults(), new DataDefaults.TopicDefaults());
    }

    /**
     * Installs the secure defaults on {@code scope} (usually the {@code App}) for every construct created in it
     * afterwards. Call it before creating the stacks: constructs created earlier are not changed.
     *
     * @return the injectors installed, one per construct type
     */
    public static @NotNull List<IPropertyInjector> applyTo(final @NotNull IConstruct scope) {
        SecureDefaults defaults = new SecureDefaults();
        PropertyInjectors.of(scope).add(defaults.injectors.toArray(new IPropertyInjector[0]));
        // A Vpc with its default security group restricted brings aws-cdk-lib's provider function and role, which
        // the gate judges from the templates: acknowledge their findings, with the reasons SecureVpc gives, once per
        // stack after construction.
        Aspects.of(scope).add(node -> {
            if (node instanceof Stack stack) {
                DefaultSecurityGroupProvider.acknowledge(stack);
            }
        });
        return defaults.injectors;
    }

    /** @return what the defaults of {@code stack} share, created on first use. */
    SharedResources shared(final Stack stack) {
        return shared.computeIfAbsent(stack, SharedResources::new);
    }

    /** @return the aspect that gives the endpoints of {@code scope} their default policy, added on first use. */
    EndpointPolicies endpointPolicies(final IConstruct scope) {
        return endpointPolicies.computeIfAbsent(scope, s -> {
            EndpointPolicies aspect = new EndpointPolicies(s);
            Aspects.of(s).add(aspect, AspectOptions.builder().priority(AspectPriority.MUTATING).build());
            return aspect;
        });
    }
}
