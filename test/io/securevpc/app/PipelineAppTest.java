package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.AppContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The CDK Pipelines example ({@link PipelineApp}, {@link BlueprintPipeline}), synthesized offline from a configuration
 * with two accounts: the source is the configured connection, the synth step runs the gated synth before the pipeline
 * app's, and every stage of the app (one account and region each) is a stage of the pipeline, in order.
 */
class PipelineAppTest {
    static final String CONNECTION = "arn:aws:codestar-connections:eu-west-1:999988887777:connection/"
            + "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private static BlueprintPipeline stack;
    private static JsonNode template;
    private static List<String> stageNames;

    static Map<String, Object> environment(final String name, final String account, final String cidr) {
        return Map.of("name", name, "profile", "dev", "shape", "three-tier", "cidr", cidr, "account", account,
                "region", "eu-west-1", "availabilityZones", List.of("eu-west-1a", "eu-west-1b"));
    }

    static Map<String, Object> config(final boolean withPipeline) {
        Map<String, Object> blueprint = new HashMap<>(Map.of("environments", List.of(
                environment("dev-a", "111111111111", "10.80.0.0/16"),
                environment("dev-b", "222222222222", "10.81.0.0/16"))));
        if (withPipeline) {
            blueprint.put("pipeline", Map.of("connectionArn", CONNECTION, "repository", "example-org/secure-vpc",
                    "account", "999988887777", "region", "eu-west-1"));
        }
        Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
        context.put(BlueprintConfig.CONTEXT_KEY, blueprint);
        return context;
    }

    @BeforeAll
    static void synth() {
        App app = App.Builder.create().context(config(true)).build();
        stack = PipelineApp.build(app);
        stageNames = app.getNode().getChildren().stream().filter(DeploymentStage.class::isInstance)
                .map(c -> ((DeploymentStage) c).getStageName()).toList();
        template = ConfigReader.JSON.valueToTree(Template.fromStack(stack).toJSON());
    }

    private static List<JsonNode> resources(final String type) {
        List<JsonNode> out = new ArrayList<>();
        template.path("Resources").forEach(r -> {
            if (type.equals(r.path("Type").asText())) {
                out.add(r);
            }
        });
        return out;
    }

    @Test
    void theSourceIsTheConfiguredRepositoryThroughTheConnection() {
        JsonNode pipeline = resources("AWS::CodePipeline::Pipeline").get(0);
        JsonNode source = pipeline.at("/Properties/Stages/0/Actions/0");
        assertEquals("CodeStarSourceConnection", source.at("/ActionTypeId/Provider").asText());
        assertEquals(CONNECTION, source.at("/Configuration/ConnectionArn").asText());
        assertEquals("example-org/secure-vpc", source.at("/Configuration/FullRepositoryId").asText());
        assertEquals("main", source.at("/Configuration/BranchName").asText());
    }

    /** The gate runs first: a gate error exits non-zero, and CodeBuild stops before the pipeline app's synth. */
    @Test
    void theSynthStepRunsTheGatedSynthBeforeThePipelineApps() {
        String buildSpec = resources("AWS::CodeBuild::Project").stream()
                .map(p -> p.at("/Properties/Source/BuildSpec").asText())
                .filter(b -> b.contains(BlueprintPipeline.PIPELINE_SYNTH_COMMAND)).findFirst().orElseThrow();
        int gate = buildSpec.indexOf(BlueprintPipeline.GATE_COMMAND);
        assertTrue(gate >= 0 && gate < buildSpec.indexOf(BlueprintPipeline.PIPELINE_SYNTH_COMMAND), buildSpec);
    }

    @Test
    void everyStageOfTheAppIsAPipelineStageInOrder() {
        assertEquals(List.of("dev-111111111111-eu-west-1", "dev-222222222222-eu-west-1"), stageNames);
        List<String> pipelineStages = new ArrayList<>();
        resources("AWS::CodePipeline::Pipeline").get(0).at("/Properties/Stages")
                .forEach(s -> pipelineStages.add(s.path("Name").asText()));
        assertEquals(List.of("Source", "Build", "UpdatePipeline", "Assets", "dev-111111111111-eu-west-1",
                "dev-222222222222-eu-west-1"), pipelineStages);
    }

    @Test
    void theDefaultAppBuildsNoPipeline() {
        App app = App.Builder.create().context(config(true)).build();
        BlueprintApp.buildStacks(app);
        assertTrue(app.getNode().findAll().stream().noneMatch(c -> c instanceof Stack s
                && s.getStackName().equals(PipelineApp.STACK_NAME)));
    }

    @Test
    void failsWithoutAPipelineConfiguration() {
        App app = App.Builder.create().context(config(false)).build();
        AppConfigException e = assertThrows(AppConfigException.class, () -> PipelineApp.build(app));
        assertEquals(List.of("blueprint.pipeline"), e.getProblems().stream().map(AppConfigException.Problem::path)
                .toList());
    }
}
