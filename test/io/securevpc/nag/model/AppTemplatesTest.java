package io.securevpc.nag.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values the rules resolve across stacks: exports (strong references) and stack outputs (CDK's weak references). */
class AppTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private AppTemplates app() throws IOException {
        Path producer = dir.resolve("producer.json");
        Files.writeString(producer, """
                {"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.10.0.0/16"}}},
                 "Outputs": {"VpcRef": {"Value": {"Ref": "Vpc"}},
                             "VpcCidr": {"Value": {"Fn::GetAtt": ["Vpc", "CidrBlock"]}, "Export": {"Name": "P:Cidr"}}}}
                """);
        Path consumer = dir.resolve("consumer.json");
        Files.writeString(consumer, "{\"Resources\": {}}");
        return AppTemplates.of(Map.of("Producer", producer, "Consumer", consumer));
    }

    @Test
    void followsAWeakReferenceToTheResourceBehindTheOutput() throws IOException {
        AppTemplates app = app();
        JsonNode weak = JSON.readTree("{\"Fn::GetStackOutput\": {\"StackName\": \"Producer\", \"Region\": \"eu-west-1\","
                + " \"OutputName\": \"VpcRef\"}}");
        assertEquals(Optional.of("Vpc"), app.target(app.stack("Consumer"), weak).map(TemplateResource::logicalId));
    }

    @Test
    void resolvesAnExportedVpcCidrToItsLiteral() throws IOException {
        AppTemplates app = app();
        assertEquals(Optional.of("10.10.0.0/16"),
                app.literal(app.stack("Consumer"), JSON.readTree("{\"Fn::ImportValue\": \"P:Cidr\"}")));
    }

    @Test
    void leavesAnOutputOfAStackOutsideTheAppUnresolved() throws IOException {
        AppTemplates app = app();
        JsonNode elsewhere = JSON.readTree("{\"Fn::GetStackOutput\": {\"StackName\": \"Other\", \"OutputName\": \"X\"}}");
        assertEquals(Optional.empty(), app.target(app.stack("Consumer"), elsewhere));
    }
}
