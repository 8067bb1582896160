package io.securevpc.nag.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;

/**
 * Whether an interface endpoint connects to an endpoint service created in the same app (BP-MV-3): its service
 * name refers, directly or inside {@code Fn::Join}, to an {@code AWS::EC2::VPCEndpointService} of the app (in the
 * same stack, or through an export or output of another stack). Such a service is a Network Load Balancer: it has
 * no private DNS name (CloudFormation cannot set one) and evaluates no endpoint policy (its traffic is TCP, not
 * requests to an AWS API).
 */
final class EndpointServices {
    static final String ENDPOINT_SERVICE = "AWS::EC2::VPCEndpointService";

    private EndpointServices() {
    }

    static boolean ofTheApp(final TemplateResource endpoint, final AppTemplates app) {
        return refersToService(endpoint, app, endpoint.prop("ServiceName"));
    }

    private static boolean refersToService(final TemplateResource endpoint, final AppTemplates app,
                                           final JsonNode value) {
        if (value == null || value.isValueNode() || value.isMissingNode()) {
            return false;
        }
        if (app.target(endpoint.stack(), value).map(t -> ENDPOINT_SERVICE.equals(t.type())).orElse(false)) {
            return true;
        }
        for (JsonNode child : value) {
            if (refersToService(endpoint, app, child)) {
                return true;
            }
        }
        return false;
    }
}
