package io.securevpc.app;

import java.util.List;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ShellStep;
import software.constructs.Construct;

/**
 * The app delivered by CDK Pipelines (an example to adapt, built only by {@link PipelineApp}): a self-mutating
 * {@code pipelines.CodePipeline} in the account and region of {@link PipelineConfig}, whose source is the repository
 * through a CodeStar connection and whose synth step first synthesizes the blueprint app as {@code cdk synth} does,
 * through the compliance gate ({@link #GATE_COMMAND}: a gate error fails the build, so nothing is deployed), then the
 * pipeline app; then one pipeline stage per {@link DeploymentStage} (one account and region each), in order.
 *
 * <p>The pipeline stack itself is the delivery machinery, not part of the blueprint: the gate checks the stages'
 * templates, which the pipeline app builds with the same code and configuration (synth is deterministic).
 */
public final class BlueprintPipeline extends Stack {
    /** The synth step's first command: the default app ({@code cdk.json}'s), with the gate, into its own directory. */
    public static final String GATE_COMMAND = "npx --yes aws-cdk@2.1148.1 synth -q '**' --output cdk.gated.out";
    /** The synth step's second command: the pipeline app, whose assembly the pipeline deploys. */
    public static final String PIPELINE_SYNTH_COMMAND = "npx --yes aws-cdk@2.1148.1 synth -q "
            + "--app 'mvn -q compile exec:java -Dapp.main=io.securevpc.app.PipelineApp'";

    private final CodePipeline pipeline;

    /** @param stages the stages to deploy, in order (one account and region each) */
    public BlueprintPipeline(final Construct scope, final String id, final PipelineConfig config,
                             final List<? extends Stage> stages) {
        super(scope, id, StackProps.builder()
                .stackName(id)
                .env(Environment.builder().account(config.account()).region(config.region()).build())
                .description("Secure VPC blueprint: CDK Pipelines delivery of the app's stages")
                .build());
        this.pipeline = CodePipeline.Builder.create(this, "Pipeline")
                .pipelineName("SecureVpc-Blueprint")
                // Stages in other accounts: the artifact bucket is encrypted with a key they are granted.
                .crossAccountKeys(true)
                .enableKeyRotation(true)
                .synth(ShellStep.Builder.create("Synth")
                        .input(CodePipelineSource.connection(config.repository(), config.branch(),
                                ConnectionSourceOptions.builder().connectionArn(config.connectionArn()).build()))
                        .commands(List.of(GATE_COMMAND, PIPELINE_SYNTH_COMMAND))
                        .build())
                .build();
        stages.forEach(pipeline::addStage);
    }

    public CodePipeline getPipeline() {
        return pipeline;
    }
}
