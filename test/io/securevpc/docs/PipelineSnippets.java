package io.securevpc.docs;

import io.securevpc.app.BlueprintApp;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ShellStep;

/** The pipeline example of docs/app.md (DocSnippetsTest compiles it; it is not synthesized or deployed). */
final class PipelineSnippets {
    private PipelineSnippets() {
    }

    static void pipeline() {
        // snippet: app-pipeline
        App app = new App();
        BlueprintApp.Result blueprint = BlueprintApp.build(app);   // one stage per account and region, the gate on the app

        Stack tooling = new Stack(app, "SecureVpc-Pipeline", StackProps.builder()
                .env(Environment.builder().account("999999999999").region("eu-west-1").build())
                .build());
        CodePipeline pipeline = CodePipeline.Builder.create(tooling, "Pipeline")
                .crossAccountKeys(true)                                 // stages deploy to other accounts
                .synth(ShellStep.Builder.create("Synth")
                        .input(CodePipelineSource.connection("example-org/secure-vpc", "main",
                                ConnectionSourceOptions.builder()
                                        .connectionArn("arn:aws:codeconnections:eu-west-1:999999999999:connection/example")
                                        .build()))
                        // the synth step runs this main(): the gate fails it on any unacknowledged error
                        .commands(List.of("npx --yes aws-cdk@2.1148.1 synth -q '**'"))
                        .build())
                .build();
        blueprint.stages().forEach(pipeline::addStage);               // dev-..., prod-..., regulated-...

        blueprint.gate().synth(app);
        // end-snippet
    }
}
