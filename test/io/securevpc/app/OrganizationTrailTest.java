package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.AppContext;
import io.securevpc.gate.GatedPack;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * An organization trail into a separate log archive account (BP-AUD-1/2), configured exactly as docs/config.md shows
 * it (the JSON block after {@code <!-- config: organization-trail -->} is read from the page), synthesized once
 * through the prod gate: the management account's trail is an organization trail writing to the log archive
 * account's bucket and key, and the log archive account's stack lets only that account's trails write there.
 */
class OrganizationTrailTest {
    static final String MANAGEMENT = "111111111111";
    static final String LOG_ARCHIVE = "222222222222";

    private static JsonNode documented;
    private static BlueprintApp.Result result;
    private static AppTemplates templates;

    /** The documented {@code organizationTrail} object. */
    static JsonNode documentedConfig() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/config.md"));
        int marker = lines.indexOf("<!-- config: organization-trail -->");
        assertTrue(marker >= 0 && "```json".equals(lines.get(marker + 1)), "the marked JSON block in docs/config.md");
        StringBuilder json = new StringBuilder("{");
        for (int i = marker + 2; !lines.get(i).equals("```"); i++) {
            json.append(lines.get(i)).append('\n');
        }
        return ConfigReader.JSON.readTree(json.append('}').toString()).get("organizationTrail");
    }

    static Map<String, Object> environment(final Object organizationTrail) {
        Map<String, Object> env = new HashMap<>(Map.of("name", "management", "profile", "prod",
                "shape", "private-only", "cidr", "10.70.0.0/16", "account", MANAGEMENT, "region", "eu-west-1",
                "availabilityZones", List.of("eu-west-1a", "eu-west-1b"),
                "gatewayPrefixLists", Map.of("s3", "pl-6da54004", "dynamodb", "pl-6fa54006"),
                "alertSubscriptions", Map.of("emails", List.of("soc@example.com"))));
        env.put("organizationTrail", organizationTrail);
        return env;
    }

    static App app(final Object organizationTrail) throws IOException {
        Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
        context.put(BlueprintConfig.CONTEXT_KEY, Map.of("environments", List.of(environment(organizationTrail))));
        return App.Builder.create().context(context)
                .outdir(Files.createTempDirectory("organization-trail").toString()).build();
    }

    @BeforeAll
    static void synth() throws IOException {
        documented = documentedConfig();
        App app = app(ConfigReader.JSON.convertValue(documented, Map.class));
        result = BlueprintApp.build(app);
        result.gate().synth(app);
        templates = AppTemplates.fromAssembly(Path.of(app.getOutdir()));
    }

    private static StackTemplate stack(final String account, final String namePart) {
        return templates.stacks().values().stream().filter(s -> account.equals(s.account())
                && s.name().contains(namePart)).findFirst().orElseThrow(() -> new AssertionError(
                namePart + " in " + account + ": " + templates.stacks().keySet()));
    }

    @Test
    void theManagementAccountsTrailIsAnOrganizationTrailWritingToTheLogArchiveAccountsBucketAndKey() {
        List<TemplateResource> trails = stack(MANAGEMENT, "Audit").ofType("AWS::CloudTrail::Trail");
        assertEquals(1, trails.size());
        TemplateResource trail = trails.get(0);
        assertTrue(trail.prop("IsOrganizationTrail").asBoolean());
        assertTrue(trail.prop("IsMultiRegionTrail").asBoolean());
        JsonNode archive = documented.get("logArchive");
        assertEquals(archive.get("bucketName").asText(), trail.prop("S3BucketName").asText());
        assertEquals(archive.get("kmsKeyArn").asText(), trail.prop("KMSKeyId").asText());
        assertTrue(archive.get("kmsKeyArn").asText().contains(":" + LOG_ARCHIVE + ":key/"));
    }

    @Test
    void theLogArchiveAccountHasItsOwnStageWithTheNamedBucketAndTheKeyArnOutput() {
        StackTemplate archive = stack(LOG_ARCHIVE, "OrganizationLogArchive");
        assertEquals("eu-west-1", archive.region());
        assertTrue(archive.templatePath().toString().contains("assembly-prod-" + LOG_ARCHIVE + "-eu-west-1"),
                String.valueOf(archive.templatePath()));
        assertTrue(archive.ofType("AWS::S3::Bucket").stream().anyMatch(b -> documented.at("/logArchive/bucketName")
                .asText().equals(b.prop("BucketName").asText())));
        assertTrue(archive.ofType("AWS::S3::Bucket").stream().anyMatch(b -> b.prop("ObjectLockEnabled").asBoolean()));
    }

    /** CloudTrail may write under AWSLogs/<management account>/ and AWSLogs/<organization id>/, for that account only. */
    @Test
    void theArchiveLetsOnlyTheManagementAccountsTrailsWriteAndEncrypt() {
        StackTemplate archive = stack(LOG_ARCHIVE, "OrganizationLogArchive");
        JsonNode write = statement(archive, "AWS::S3::BucketPolicy", "PolicyDocument", "AllowCloudTrailWrite");
        assertEquals("cloudtrail.amazonaws.com", write.at("/Principal/Service").asText());
        assertEquals(MANAGEMENT, write.at("/Condition/StringEquals/aws:SourceAccount").asText());
        assertTrue(write.at("/Condition/ArnLike/aws:SourceArn").toString().contains(":" + MANAGEMENT + ":trail/*"),
                write.toString());
        String resources = write.path("Resource").toString();
        assertTrue(resources.contains("/AWSLogs/" + documented.get("organizationId").asText() + "/*"), resources);
        assertTrue(resources.contains("/AWSLogs/" + MANAGEMENT + "/*"), resources);
        assertFalse(resources.contains(LOG_ARCHIVE), resources);
        JsonNode encrypt = statement(archive, "AWS::KMS::Key", "KeyPolicy", "AllowCloudTrailOfThisAccountToEncrypt");
        assertEquals(MANAGEMENT, encrypt.at("/Condition/StringEquals/aws:SourceAccount").asText());
        assertTrue(encrypt.at("/Condition/StringLike/kms:EncryptionContext:aws:cloudtrail:arn").toString()
                .contains(":" + MANAGEMENT + ":trail/*"), encrypt.toString());
    }

    @Test
    void theLogArchiveStackOutputsTheKeyArnTheTrailNames() throws IOException {
        StackTemplate archive = stack(LOG_ARCHIVE, "OrganizationLogArchive");
        JsonNode outputs = ConfigReader.JSON.readTree(archive.templatePath().toFile()).path("Outputs");
        String key = archive.ofType("AWS::KMS::Key").get(0).logicalId();
        assertEquals(key, outputs.at("/KeyArn/Value/Fn::GetAtt/0").asText(), outputs.toString());
        assertEquals("Arn", outputs.at("/KeyArn/Value/Fn::GetAtt/1").asText());
    }

    private static JsonNode statement(final StackTemplate stack, final String type, final String document,
                                      final String sid) {
        for (TemplateResource r : stack.ofType(type)) {
            for (JsonNode st : r.prop(document).path("Statement")) {
                if (sid.equals(st.path("Sid").asText())) {
                    return st;
                }
            }
        }
        throw new AssertionError("no statement " + sid + " in " + type + " of " + stack.name());
    }

    @Test
    void passesTheGate() {
        List<String> errors = new ArrayList<>();
        for (String pack : List.of("BlueprintChecks", "AwsSolutions", "NIST.800.53.R5")) {
            GatedPack.Verdict verdict = result.gate().verdicts().get(pack);
            verdict.violations().stream().filter(v -> "error".equals(v.getSeverity()))
                    .forEach(v -> errors.add(pack + " " + v.getRuleName() + " " + v.getViolatingResources().stream()
                            .map(r -> r.getResourceLogicalId()).toList()));
        }
        assertEquals(List.of(), errors);
    }

    /** Before the log archive stack is deployed there is no key ARN: the trail stays the account's own, with a warning. */
    @Test
    void withoutTheKeyArnTheTrailStaysTheAccountsOwnAndSynthWarns() throws IOException {
        Map<String, Object> pending = ConfigReader.JSON.convertValue(documented, Map.class);
        Map<String, Object> archive = new HashMap<>(ConfigReader.JSON.convertValue(documented.get("logArchive"),
                Map.class));
        archive.remove("kmsKeyArn");
        pending = new HashMap<>(pending);
        pending.put("logArchive", archive);
        BlueprintApp.Result stacks = BlueprintApp.buildStacks(app(pending));
        AuditStack audit = stacks.auditStacks().get(0);
        Template.fromStack(audit).hasResourceProperties("AWS::CloudTrail::Trail",
                Map.of("IsOrganizationTrail", false));
        Annotations.fromStack(audit).hasWarning("*", Match.stringLikeRegexp(
                "organizationTrail.logArchive.kmsKeyArn is unset: the trail stays this account's own.*Deploy stack "
                        + "SecureVpc-OrganizationLogArchive-" + LOG_ARCHIVE + "-eu-west-1 in account " + LOG_ARCHIVE
                        + ", then set kmsKeyArn to its KeyArn output.*"));
    }
}
