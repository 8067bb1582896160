package io.securevpc.docs;

import io.securevpc.app.BlueprintPipeline;
import io.securevpc.app.PipelineApp;
import software.amazon.awscdk.App;

/** The pipeline example of docs/app.md (DocSnippetsTest compiles it; PipelineAppTest synthesizes what it builds). */
final class PipelineSnippets {
    private PipelineSnippets() {
    }

    static void pipeline() {
        // snippet: app-pipeline
        App app = new App();                                   // cdk.json's context, with blueprint.pipeline
        BlueprintPipeline pipeline = PipelineApp.build(app);   // every stage, then the pipeline that deploys them
        app.synth();
        // end-snippet
    }
}
