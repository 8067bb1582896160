package io.securevpc.defaults;

import io.securevpc.internal.Maps;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnVPCEndpoint;
import software.amazon.awscdk.services.ec2.VpcEndpoint;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.IConstruct;

/**
 * The default endpoint policy of the endpoints created in one scope (BP-EP-2, BP-EP-3): an endpoint whose policy
 * is still empty when the app is synthesized gets one statement that lets only callers of the stack's account
 * through ({@code aws:PrincipalAccount}); without a policy AWS attaches one that allows everyone everything.
 *
 * <p>An endpoint's policy is not a constructor prop, so this is a mutating aspect, added once per scope that
 * holds such endpoints: it acts on the endpoints the injectors recorded and returns at once for other nodes.
 */
final class EndpointPolicies implements IAspect {
    static final String SID = "AllowCallersOfThisAccount";

    private final IConstruct scope;
    private final Set<String> ids = new HashSet<>();

    EndpointPolicies(final IConstruct scope) {
        this.scope = scope;
    }

    void add(final String id) {
        ids.add(id);
    }

    @Override
    public void visit(final IConstruct node) {
        if (!(node instanceof VpcEndpoint endpoint) || node.getNode().getScope() != scope
                || !ids.contains(node.getNode().getId())) {
            return;
        }
        Stack stack = Stack.of(node);
        CfnVPCEndpoint resource = (CfnVPCEndpoint) node.getNode().getDefaultChild();
        if (stack.resolve(resource.getPolicyDocument()) != null) {
            return;   // the app wrote its own policy
        }
        endpoint.addToPolicy(PolicyStatement.Builder.create()
                .sid(SID)
                .effect(Effect.ALLOW)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("*"))
                .resources(List.of("*"))
                .conditions(Maps.of("StringEquals", Maps.of("aws:PrincipalAccount", stack.getAccount())))
                .build());
    }
}
