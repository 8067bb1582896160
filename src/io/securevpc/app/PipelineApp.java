package io.securevpc.app;

import java.util.List;
import software.amazon.awscdk.App;

/**
 * The app as CDK Pipelines deploys it: the stages of {@link BlueprintApp} (built without the gate: the pipeline's synth
 * step has run the gate on the same stages first, see {@link BlueprintPipeline#GATE_COMMAND}) and the
 * {@link BlueprintPipeline} that deploys them, configured by {@code blueprint.pipeline} in {@code cdk.json}. Run with
 * {@code cdk synth --app 'mvn -q compile exec:java -Dapp.main=io.securevpc.app.PipelineApp'} (and
 * {@code cdk deploy SecureVpc-Pipeline} once, with the same {@code --app}); the default app never builds a pipeline.
 */
public final class PipelineApp {
    /** The pipeline stack's name. */
    public static final String STACK_NAME = "SecureVpc-Pipeline";

    private PipelineApp() {
    }

    public static void main(final String[] args) {
        App app = new App();
        try {
            build(app);
        } catch (AppConfigException e) {
            System.err.println(e.getMessage());
            System.exit(BlueprintApp.INVALID_INPUT);
        }
        app.synth();
    }

    /**
     * Builds the blueprint's stages and the pipeline into the app.
     *
     * @throws AppConfigException when the configuration is invalid or has no {@code pipeline}
     */
    public static BlueprintPipeline build(final App app) {
        BlueprintConfig config = BlueprintConfig.parse(app.getNode().tryGetContext(BlueprintConfig.CONTEXT_KEY));
        if (config.pipeline() == null) {
            throw new AppConfigException(List.of(new AppConfigException.Problem(AppErrorCode.APP_CONFIG,
                    BlueprintConfig.CONTEXT_KEY + ".pipeline", "(unset)", "an object with connectionArn, repository, "
                    + "account and region: the pipeline app delivers the blueprint through CDK Pipelines")));
        }
        BlueprintApp.buildStacks(app);
        List<DeploymentStage> stages = app.getNode().getChildren().stream().filter(DeploymentStage.class::isInstance)
                .map(DeploymentStage.class::cast).toList();
        return new BlueprintPipeline(app, STACK_NAME, config.pipeline(), stages);
    }
}
