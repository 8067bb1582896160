package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The template the gate imports to check untyped resources: the targets, what they reference, what references
 * them; CDK's Fn::GetStackOutput made parseable. Plain Java, no jsii.
 */
class ImportableTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TEMPLATE = """
            {"Parameters": {"P": {"Type": "String"}},
             "Outputs": {"O": {"Value": {"Ref": "Target"}}},
             "Resources": {
              "Target": {"Type": "AWS::Lambda::Function", "DependsOn": ["Role"], "Properties": {
                "Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Description": {"Ref": "P"},
                "KmsKeyArn": {"Fn::GetStackOutput": {"StackName": "Other", "OutputName": "KeyArn"}}}},
              "Role": {"Type": "AWS::IAM::Role", "Properties": {"Path": {"Fn::Sub": "/${Boundary}/${!Literal}"}}},
              "Boundary": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {}},
              "Permission": {"Type": "AWS::Lambda::Permission", "Properties": {
                "FunctionName": {"Fn::Sub": "${Target.Arn}"}, "Principal": {"Ref": "Other"}}},
              "Other": {"Type": "AWS::SNS::Topic", "Properties": {}},
              "Unrelated": {"Type": "AWS::S3::Bucket", "Properties": {}}}}
            """;

    @Test
    void keepsTheTargetsWhatTheyReferenceAndWhatReferencesThem() throws Exception {
        JsonNode importable = ImportableTemplate.of(JSON.readTree(TEMPLATE), List.of("Target"));

        List<String> kept = new ArrayList<>();
        importable.path("Resources").fieldNames().forEachRemaining(kept::add);
        assertEquals(List.of("Target", "Role", "Boundary", "Permission", "Other"), kept);
        assertEquals(List.of("Parameters", "Resources"), List.copyOf(iterable(importable)));
        assertEquals("{\"Fn::ImportValue\":\"Other:KeyArn\"}",
                importable.path("Resources").path("Target").path("Properties").path("KmsKeyArn").toString());
    }

    private static List<String> iterable(final JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
