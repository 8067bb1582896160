package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.gate.ComplianceGate;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The app synthesizes through the compliance gate with cdk.json's feature flags, and the defaults reach the team's constructs. */
class ConsumerStackTest {
    private static ComplianceGate gate;
    private static Template template;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synth() throws IOException {
        Map<String, Object> cdkJson = new ObjectMapper().readValue(new File("cdk.json"), Map.class);
        App app = App.Builder.create().context((Map<String, Object>) cdkJson.get("context"))
                .outdir(Files.createTempDirectory("consumer").toString()).build();
        gate = ConsumerApp.build(app);
        app.synth();
        template = Template.fromJSON(new ObjectMapper().readValue(
                new File(app.getOutdir(), "Consumer.template.json"), Map.class));
    }

    @Test
    void everyPackOfTheGateFindsNoError() {
        assertEquals(List.of("BlueprintChecks", "AwsSolutions"), List.copyOf(gate.verdicts().keySet()));
        gate.verdicts().forEach((pack, verdict) -> assertEquals(0, verdict.errors(), pack));
        gate.verdicts().forEach((pack, verdict) -> assertEquals(0, verdict.warnings(), verdict.render()));
    }

    @Test
    void theTeamsOwnBucketIsKmsEncryptedAndVersioned() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Match.objectLike(Map.of(
                        "ServerSideEncryptionByDefault", Match.objectLike(Map.of("SSEAlgorithm", "aws:kms")))))),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "Reports/"))));
    }

    @Test
    void theTeamsOwnTopicIsEncryptedWithAKey() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
    }
}
