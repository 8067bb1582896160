package io.securevpc.scratch;

import io.securevpc.AppContext;
import io.securevpc.app.BlueprintApp;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

class ScratchSynthTest {
    @Test
    void synth() {
        String out = System.getProperty("scratch.out", "/tmp/iam-synth");
        App app = App.Builder.create().context(AppContext.cdkJsonContext()).outdir(out).build();
        BlueprintApp.buildStacks(app);
        app.synth();
    }
}
