package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audit data survives everything but a deliberate break-glass (BP-AUD-2, BP-AUD-3, BP-MON-1): every resource that
 * holds audit or log data, in every stack of every profile and shape of the profile matrix and of the shipped app,
 * is kept when its stack is deleted and when CloudFormation replaces it ({@code DeletionPolicy} and
 * {@code UpdateReplacePolicy} {@code Retain}), encrypted, and never expired before the profile's retention.
 *
 * <p>What holds audit data: S3 buckets (the app has no other: the trail's archive, Config's bucket, flow logs,
 * access logs), KMS keys (without them the data cannot be read), log groups (flow logs, the trail's copy), the trail,
 * and SQS queues (all of them dead-letter queues of undelivered alerts). Not audit data: the IP-blocking state
 * parameters (the deny entries the blocking added to a network ACL; they live and die with that ACL), SNS topics
 * (they hold no message), Config's recorder and delivery channel, the GuardDuty detector (settings, retained anyway).
 *
 * <p>Create-only properties: a change to one of them makes CloudFormation replace the resource, and a retained
 * resource then stays behind, orphaned, while a new empty one takes its place; so does a changed logical id. The
 * table {@link #CREATE_ONLY} lists, per type, the properties whose CloudFormation resource reference says "Update
 * requires: Replacement"; the test compares every audit resource's logical id and the values it sets for them with
 * {@code test/snapshots/create-only-properties.json}. Regenerate after an intended change with
 * {@code mvn test -Dtest=AuditDataRetentionTest -Dsecurevpc.updateCreateOnly=true}.
 */
class AuditDataRetentionTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path SNAPSHOT = Path.of("test/snapshots/create-only-properties.json");
    private static final String UPDATE_PROPERTY = "securevpc.updateCreateOnly";

    /**
     * "Update requires: Replacement" in the CloudFormation resource reference (AWS::S3::Bucket, AWS::KMS::Key,
     * AWS::Logs::LogGroup, AWS::CloudTrail::Trail, AWS::SQS::Queue). For the key's KeySpec, KeyUsage, MultiRegion
     * and Origin the reference adds that the update fails instead, whatever the UpdateReplacePolicy.
     */
    static final Map<String, List<String>> CREATE_ONLY = Map.of(
            "AWS::S3::Bucket", List.of("BucketName", "ObjectLockEnabled"),
            "AWS::KMS::Key", List.of("KeySpec", "KeyUsage", "MultiRegion", "Origin"),
            "AWS::Logs::LogGroup", List.of("LogGroupName"),
            "AWS::CloudTrail::Trail", List.of("TrailName"),
            "AWS::SQS::Queue", List.of("QueueName", "FifoQueue"));

    /** The profile's log retention in days (Profile.logRetention). */
    private static final Map<Profile, Integer> RETENTION_DAYS = Map.of(Profile.DEV, 365, Profile.PROD, 731,
            Profile.REGULATED, 2557);

    static Stream<Arguments> apps() {
        return Stream.of(Arguments.of("profile matrix"), Arguments.of("shipped app"));
    }

    private static AppTemplates templates(final String app) {
        return app.equals("shipped app") ? SynthesizedApps.shippedApp() : SynthesizedApps.profileMatrix().templates();
    }

    private static JsonNode raw(final StackTemplate stack) {
        try {
            return JSON.readTree(stack.templatePath().toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The profile of a stack: its stage's name starts with it. */
    private static Profile profileOf(final StackTemplate stack) {
        return Stream.of(Profile.values()).filter(p -> stack.name().startsWith(p.configName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no profile for " + stack.name()));
    }

    /** Every audit resource of the app: stack artifact id / logical id to the resource's template entry. */
    private static Map<String, JsonNode> auditResources(final AppTemplates app) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (StackTemplate stack : app.stacks().values()) {
            raw(stack).path("Resources").fields().forEachRemaining(e -> {
                if (CREATE_ONLY.containsKey(e.getValue().path("Type").asText())) {
                    out.put(stack.name() + "/" + e.getKey(), e.getValue());
                }
            });
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyAuditResourceIsRetainedOnDeleteAndOnReplacement(final String name) {
        Map<String, JsonNode> resources = auditResources(templates(name));
        List<String> notRetained = new ArrayList<>();
        resources.forEach((id, r) -> {
            if (!"Retain".equals(r.path("DeletionPolicy").asText()) || !"Retain".equals(r.path("UpdateReplacePolicy")
                    .asText())) {
                notRetained.add(id + " " + r.path("Type").asText() + " " + r.path("DeletionPolicy").asText("Delete")
                        + "/" + r.path("UpdateReplacePolicy").asText("Delete"));
            }
        });
        assertEquals(List.of(), notRetained);
        assertTrue(resources.values().stream().map(r -> r.path("Type").asText()).distinct().count() == 5,
                "every kind of audit resource is present: " + resources.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyAuditResourceIsEncryptedAndKeptForTheProfilesRetention(final String name) {
        AppTemplates app = templates(name);
        List<String> problems = new ArrayList<>();
        for (StackTemplate stack : app.stacks().values()) {
            int retention = RETENTION_DAYS.get(profileOf(stack));
            JsonNode resources = raw(stack).path("Resources");
            resources.fields().forEachRemaining(e -> {
                String id = stack.name() + "/" + e.getKey();
                JsonNode p = e.getValue().path("Properties");
                switch (e.getValue().path("Type").asText()) {
                    case "AWS::S3::Bucket" -> problems.addAll(bucketProblems(id, e.getKey(), p, resources, retention));
                    case "AWS::KMS::Key" -> {
                        if (!p.path("EnableKeyRotation").asBoolean(false)) {
                            problems.add(id + ": key rotation off");
                        }
                    }
                    case "AWS::Logs::LogGroup" -> {
                        if (p.path("KmsKeyId").isMissingNode()) {
                            problems.add(id + ": log group not encrypted with a customer-managed key");
                        }
                        if (p.has("RetentionInDays") && p.path("RetentionInDays").asInt() < retention) {
                            problems.add(id + ": kept " + p.path("RetentionInDays").asInt() + " days < " + retention);
                        }
                    }
                    case "AWS::SQS::Queue" -> {
                        if (p.path("KmsMasterKeyId").isMissingNode() && !p.path("SqsManagedSseEnabled").asBoolean(false)) {
                            problems.add(id + ": queue not encrypted");
                        }
                        if (p.path("MessageRetentionPeriod").asInt(345_600) != 1_209_600) {
                            problems.add(id + ": undelivered alerts kept less than SQS's maximum of 14 days");
                        }
                    }
                    default -> {
                    }
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    private static List<String> bucketProblems(final String id, final String logicalId, final JsonNode p,
                                               final JsonNode resources, final int retention) {
        List<String> problems = new ArrayList<>();
        if (!"Enabled".equals(p.path("VersioningConfiguration").path("Status").asText())) {
            problems.add(id + ": not versioned");
        }
        String sse = p.path("BucketEncryption").path("ServerSideEncryptionConfiguration").path(0)
                .path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText("");
        if (!Set.of("aws:kms", "aws:kms:dsse", "AES256").contains(sse)) {
            problems.add(id + ": no default encryption");
        }
        for (JsonNode rule : p.path("LifecycleConfiguration").path("Rules")) {
            if (rule.has("ExpirationInDays") && rule.path("ExpirationInDays").asInt() < retention
                    || rule.has("ExpirationDate")) {
                problems.add(id + ": rule " + rule.path("Id").asText() + " expires current objects before " + retention
                        + " days");
            }
            JsonNode noncurrent = rule.path("NoncurrentVersionExpiration").path("NoncurrentDays");
            if (!noncurrent.isMissingNode() && noncurrent.asInt() < retention
                    || rule.path("NoncurrentVersionExpirationInDays").asInt(Integer.MAX_VALUE) < retention) {
                problems.add(id + ": rule " + rule.path("Id").asText() + " expires deleted or overwritten logs after "
                        + noncurrent.asInt() + " days, before " + retention);
            }
        }
        boolean sslOnly = false;
        Iterator<JsonNode> all = resources.elements();
        while (all.hasNext()) {
            JsonNode r = all.next();
            if ("AWS::S3::BucketPolicy".equals(r.path("Type").asText())
                    && logicalId.equals(r.path("Properties").path("Bucket").path("Ref").asText())) {
                for (JsonNode s : r.path("Properties").path("PolicyDocument").path("Statement")) {
                    sslOnly |= "Deny".equals(s.path("Effect").asText()) && "s3:*".equals(s.path("Action").asText())
                            && "false".equals(s.path("Condition").path("Bool").path("aws:SecureTransport").asText());
                }
            }
        }
        if (!sslOnly) {
            problems.add(id + ": no bucket policy denying requests without TLS");
        }
        return problems;
    }

    /**
     * The audit resources and the create-only properties they set, as recorded: a changed value, a changed logical
     * id (a resource gone, a new one in its place) or a new audit resource fails until the snapshot is regenerated.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void createOnlyPropertiesOfAuditResourcesMatchTheSnapshot(final String name) throws IOException {
        ObjectNode actual = JSON.createObjectNode();
        auditResources(templates(name)).forEach((id, r) -> {
            ObjectNode entry = actual.putObject(id);
            entry.put("Type", r.path("Type").asText());
            ObjectNode props = entry.putObject("CreateOnly");
            for (String prop : CREATE_ONLY.get(r.path("Type").asText())) {
                if (r.path("Properties").has(prop)) {
                    props.set(prop, r.path("Properties").get(prop));
                }
            }
        });
        ObjectNode snapshot = Files.exists(SNAPSHOT) ? (ObjectNode) JSON.readTree(SNAPSHOT.toFile())
                : JSON.createObjectNode();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            snapshot.set(name, actual);
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, JSON.writeValueAsString(snapshot) + "\n");
        }
        JsonNode recorded = snapshot.path(name);
        List<String> differences = new ArrayList<>();
        recorded.fields().forEachRemaining(e -> {
            if (!actual.has(e.getKey())) {
                differences.add(e.getKey() + ": gone (a changed logical id replaces the resource)");
            } else if (!actual.get(e.getKey()).equals(e.getValue())) {
                differences.add(e.getKey() + ": " + e.getValue().path("CreateOnly") + " is now "
                        + actual.get(e.getKey()).path("CreateOnly") + " (CloudFormation replaces the resource)");
            }
        });
        actual.fieldNames().forEachRemaining(id -> {
            if (!recorded.has(id)) {
                differences.add(id + ": new audit resource, not in the snapshot");
            }
        });
        assertEquals(List.of(), differences, "audit resources whose create-only properties or logical ids changed; if "
                + "intended, regenerate with -D" + UPDATE_PROPERTY + "=true");
    }
}
