package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Template;

/**
 * Putting the stacks in stages keeps their logical ids: the resources CDK names after another construct's full path
 * (security-group rules between groups, NACL subnet associations) get the ids they have in a stack outside any
 * stage, so a deployment made before stages updates in place.
 */
class StageNeutralIdsTest {
    private static final List<String> PATH_NAMED = List.of("AWS::EC2::SecurityGroupIngress",
            "AWS::EC2::SecurityGroupEgress", "AWS::EC2::SubnetNetworkAclAssociation");

    @Test
    void computesCdksUniqueIdsAsCdkDoes() {
        // GIVEN constructs at several depths, with 'Default' and 'Resource' and repeated suffixes in their paths
        App app = new App();
        Stack stack = new Stack(app, "Some-Stack");
        software.constructs.Construct a = new software.constructs.Construct(stack, "AppSecurityGroup");
        software.constructs.Construct group = new software.constructs.Construct(a, "Group");
        software.constructs.Construct resource = new software.constructs.Construct(group, "Resource");
        software.constructs.Construct hidden = new software.constructs.Construct(resource, "Default");
        software.constructs.Construct rule = new software.constructs.Construct(hidden, "from 10.0.0.0/8:443");
        // THEN the Java port gives what CDK gives
        for (software.constructs.Construct c : List.of(a, group, resource, hidden, rule)) {
            List<String> path = List.of(c.getNode().getPath().split("/"));
            assertEquals(Names.uniqueId(c), StageNeutralIds.uniqueId(path), c.getNode().getPath());
        }
        assertEquals("SomeStack", StageNeutralIds.uniqueId(List.of("Some-Stack")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void networkStacksInAStageKeepTheLogicalIdsTheyHaveOutsideOne() throws Exception {
        // GIVEN cdk.json's two environments without connections, built by the app (in a stage) and on their own
        Map<String, Object> blueprint = new HashMap<>((Map<String, Object>) AppContext.cdkJsonContext()
                .get(BlueprintConfig.CONTEXT_KEY));
        blueprint.remove("connectivity");
        Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
        context.put(BlueprintConfig.CONTEXT_KEY, blueprint);
        App staged = App.Builder.create().context(context)
                .outdir(java.nio.file.Files.createTempDirectory("staged").toString()).build();
        BlueprintApp.Result result = BlueprintApp.buildStacks(staged);
        staged.synth();

        for (NetworkStack inStage : result.stacks()) {
            App alone = App.Builder.create().context(context).build();
            NetworkStack outside = new NetworkStack(alone, inStage.getConfig());
            new NetworkAccess(outside);
            // WHEN the path-named resources of both are listed
            TreeSet<String> expected = logicalIds(Template.fromStack(outside));
            TreeSet<String> actual = logicalIds(Template.fromJSON(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(Path.of(Stage.of(inStage).getOutdir(), inStage.getTemplateFile()).toFile(), Map.class)));
            // THEN they are the same ids, none naming the stage
            assertFalse(expected.isEmpty());
            assertEquals(expected, actual, inStage.getStackName());
            assertTrue(actual.stream().noneMatch(id -> id.contains("regulatedeuwest1")), actual.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<String> logicalIds(final Template template) {
        TreeSet<String> ids = new TreeSet<>();
        for (String type : PATH_NAMED) {
            ids.addAll(template.findResources(type).keySet());
        }
        return ids;
    }
}
