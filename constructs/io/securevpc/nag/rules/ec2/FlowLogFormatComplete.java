package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MON-1: the flow-log record format includes the fields an investigation needs: the default (version 2)
 * fields plus the VPC, subnet and instance, TCP flags, the packet-level addresses behind NAT, the direction
 * and the path. The default format (no {@code LogFormat}) lacks the version 3-5 ones. One finding per
 * missing field.
 */
public final class FlowLogFormatComplete implements BlueprintRule {
    /** The fields every flow log must record. */
    public static final List<String> SECURITY_FIELDS = List.of("account-id", "interface-id", "srcaddr", "dstaddr",
            "srcport", "dstport", "protocol", "start", "end", "action", "vpc-id", "subnet-id", "instance-id",
            "tcp-flags", "pkt-srcaddr", "pkt-dstaddr", "flow-direction", "traffic-path");
    /** The fields every Transit Gateway flow log must record. */
    public static final List<String> TRANSIT_GATEWAY_FIELDS = List.of("account-id", "tgw-id", "tgw-attachment-id",
            "tgw-src-vpc-id", "tgw-dst-vpc-id", "tgw-src-subnet-id", "tgw-dst-subnet-id", "tgw-src-eni", "tgw-dst-eni",
            "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "start", "end", "tcp-flags", "flow-direction",
            "packets-lost-no-route", "packets-lost-blackhole");
    private static final Set<String> TRANSIT_GATEWAY_TYPES = Set.of("TransitGateway", "TransitGatewayAttachment");
    private static final Set<String> DEFAULT_FORMAT = Set.of("version", "account-id", "interface-id", "srcaddr",
            "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status");

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(FlowLogs.FLOW_LOG);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        var format = resource.prop("LogFormat");
        boolean transitGateway = TRANSIT_GATEWAY_TYPES.contains(resource.prop("ResourceType").asText());
        if (transitGateway && format.isMissingNode()) {
            return RuleResult.compliant();
        }
        String text;
        if (format.isMissingNode()) {
            text = null;
        } else {
            var literal = app.literal(resource.stack(), format);
            if (literal.isEmpty()) {
                return RuleResult.of(List.of(Finding.cannotCheck("LogFormat", AppTemplates.render(format))));
            }
            text = literal.get();
        }
        List<Finding> findings = new ArrayList<>();
        for (String field : transitGateway ? TRANSIT_GATEWAY_FIELDS : SECURITY_FIELDS) {
            boolean present = text == null ? DEFAULT_FORMAT.contains(field) : text.contains("${" + field + "}");
            if (!present) {
                findings.add(Finding.of(field, "the record format lacks ${" + field + "}"
                        + (text == null ? " (default version 2 format)" : "")));
            }
        }
        return RuleResult.of(findings);
    }
}
