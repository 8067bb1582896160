package io.securevpc.nag.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Routing;
import io.securevpc.nag.rules.Sg;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-EP-1, BP-EP-4: a VPC with no internet egress (no route to an internet gateway or a NAT gateway in any of its
 * route tables in the app) reaches S3 through a gateway endpoint, or its security groups send to S3's prefix list:
 * without either it has no private path to S3, and workloads end up with wide egress or a NAT added later. A VPC
 * with an internet or NAT route, or with no subnet in the app (nothing in it to reach S3), is not checked.
 */
public final class IsolatedVpcHasS3GatewayEndpoint implements BlueprintRule {
    static final String VPC = "AWS::EC2::VPC";
    static final String ENDPOINT = "AWS::EC2::VPCEndpoint";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(VPC);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        if (app.ofType(Routing.SUBNET).stream().noneMatch(subnet -> inVpc(subnet, resource, app))) {
            return RuleResult.notApplicable();
        }
        boolean egress = app.ofType(Routing.ROUTE_TABLE).stream().filter(t -> inVpc(t, resource, app))
                .flatMap(t -> Routing.routesOf(t, app).stream())
                .anyMatch(r -> r.properties().has("NatGatewayId") || Routing.toInternetGateway(r, app).orElse(true));
        if (egress) {
            return RuleResult.notApplicable();
        }
        boolean endpoint = app.ofType(ENDPOINT).stream().filter(e -> inVpc(e, resource, app))
                .anyMatch(e -> "Gateway".equalsIgnoreCase(e.prop("VpcEndpointType").asText("Gateway"))
                        && serviceName(e.prop("ServiceName")).endsWith(".s3"));
        if (endpoint) {
            return RuleResult.compliant();
        }
        boolean prefixListEgress = app.ofType(Sg.GROUP).stream().filter(g -> inVpc(g, resource, app))
                .anyMatch(g -> Sg.rules(g, true).stream().anyMatch(r -> r.json().has("DestinationPrefixListId")))
                || app.ofType(Sg.EGRESS).stream().anyMatch(e -> e.properties().has("DestinationPrefixListId")
                && Sg.group(e, app).map(g -> inVpc(g, resource, app)).orElse(false));
        return prefixListEgress ? RuleResult.compliant()
                : RuleResult.nonCompliant("the VPC has no route to the internet and no S3 gateway endpoint, and no "
                        + "security group of it sends to a prefix list");
    }

    private static boolean inVpc(final TemplateResource r, final TemplateResource vpc, final AppTemplates app) {
        return app.target(r.stack(), r.prop("VpcId")).map(v -> v == vpc).orElse(false);
    }

    /** The service name with intrinsics of {@code Fn::Join} left out: {@code com.amazonaws..s3} for the region's S3. */
    private static String serviceName(final JsonNode name) {
        if (name.isTextual()) {
            return name.asText();
        }
        JsonNode join = name.path("Fn::Join");
        if (join.isArray() && join.size() == 2 && join.get(1).isArray()) {
            StringBuilder b = new StringBuilder();
            join.get(1).forEach(part -> b.append(part.isTextual() ? part.asText() : ""));
            return b.toString();
        }
        return "";
    }
}
