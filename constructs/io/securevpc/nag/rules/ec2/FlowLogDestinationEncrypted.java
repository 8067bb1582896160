package io.securevpc.nag.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MON-1: flow logs hold every connection of the VPC, so their destination is encrypted with a
 * customer-managed KMS key whose policy decides who reads them: a CloudWatch Logs group with {@code KmsKeyId},
 * or an S3 bucket whose default encryption is {@code aws:kms}/{@code aws:kms:dsse} with a
 * {@code KMSMasterKeyID} (without one, S3 uses the AWS-managed key). A destination that is not a resource of
 * the app (a literal ARN or name, a Firehose stream) cannot be checked and is reported as such.
 */
public final class FlowLogDestinationEncrypted implements BlueprintRule {
    private static final String LOG_GROUP = "AWS::Logs::LogGroup";
    private static final String BUCKET = "AWS::S3::Bucket";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(FlowLogs.FLOW_LOG);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        String type = resource.prop("LogDestinationType").asText("cloud-watch-logs");
        return switch (type) {
            case "cloud-watch-logs" -> checkLogGroup(resource, app);
            case "s3" -> checkBucket(resource, app);
            default -> RuleResult.of(List.of(Finding.cannotCheck("LogDestination",
                    type + " destination " + AppTemplates.render(resource.prop("LogDestination")))));
        };
    }

    private static RuleResult checkLogGroup(final TemplateResource flowLog, final AppTemplates app) {
        JsonNode ref = flowLog.properties().has("LogGroupName") ? flowLog.prop("LogGroupName")
                : flowLog.prop("LogDestination");
        Optional<TemplateResource> group = FlowLogs.referenced(app, flowLog, ref, LOG_GROUP);
        if (group.isEmpty()) {
            Optional<String> name = app.literal(flowLog.stack(), ref);
            group = name.flatMap(n -> app.ofType(LOG_GROUP).stream()
                    .filter(g -> n.equals(g.prop("LogGroupName").asText(null)) || n.endsWith(":log-group:"
                            + g.prop("LogGroupName").asText("\u0000"))).findFirst());
        }
        if (group.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("LogGroupName", "log group outside the app: "
                    + AppTemplates.render(ref))));
        }
        return group.get().properties().has("KmsKeyId") ? RuleResult.compliant()
                : RuleResult.nonCompliant("log group " + group.get().describe() + " has no KmsKeyId (customer-managed key)");
    }

    private static RuleResult checkBucket(final TemplateResource flowLog, final AppTemplates app) {
        JsonNode destination = flowLog.prop("LogDestination");
        Optional<TemplateResource> bucket = FlowLogs.referenced(app, flowLog, destination, BUCKET);
        if (bucket.isEmpty()) {
            Optional<String> arn = app.literal(flowLog.stack(), destination);
            bucket = arn.flatMap(a -> app.ofType(BUCKET).stream()
                    .filter(b -> b.prop("BucketName").isTextual()
                            && a.startsWith("arn:aws:s3:::" + b.prop("BucketName").asText()))
                    .findFirst());
        }
        if (bucket.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("LogDestination", "bucket outside the app: "
                    + AppTemplates.render(destination))));
        }
        for (JsonNode rule : bucket.get().prop("BucketEncryption").path("ServerSideEncryptionConfiguration")) {
            JsonNode byDefault = rule.path("ServerSideEncryptionByDefault");
            String algorithm = byDefault.path("SSEAlgorithm").asText();
            if (algorithm.startsWith("aws:kms") && byDefault.has("KMSMasterKeyID")) {
                return RuleResult.compliant();
            }
        }
        return RuleResult.nonCompliant("bucket " + bucket.get().describe()
                + " is not encrypted by default with a customer-managed KMS key");
    }
}
