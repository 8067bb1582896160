package io.securevpc.nag.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import java.util.Optional;

/** Shared lookups of the flow-log rules. */
final class FlowLogs {
    static final String FLOW_LOG = "AWS::EC2::FlowLog";
    static final String VPC = "AWS::EC2::VPC";

    private FlowLogs() {
    }

    /** @return the first resource of {@code type} that {@code value} references, looking inside Fn::Join and Fn::Sub. */
    static Optional<TemplateResource> referenced(final AppTemplates app, final TemplateResource from,
                                                 final JsonNode value, final String type) {
        if (value == null || value.isMissingNode()) {
            return Optional.empty();
        }
        Optional<TemplateResource> direct = app.target(from.stack(), value).filter(r -> type.equals(r.type()));
        if (direct.isPresent()) {
            return direct;
        }
        if (value.isContainerNode()) {
            for (JsonNode child : value) {
                Optional<TemplateResource> found = referenced(app, from, child, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
