package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.AppContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;

/**
 * {@link JsiiTrampoline}: the work runs (calls into JavaScript included) and its result or exception reaches the
 * caller unchanged. That it relieves node's stack is shown by the benchmark at 50 environments (docs/benchmark.md).
 */
class JsiiTrampolineTest {
    @Test
    void runsTheWorkWithItsCallsIntoJavaScriptAndReturnsItsResult() {
        App app = AppContext.app();
        Stack stack = new Stack(app, "Trampoline");
        List<String> paths = JsiiTrampoline.call(stack, () -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                out.add(CfnSecurityGroup.Builder.create(stack, "Group" + i).groupDescription("g" + i).build()
                        .getNode().getPath());
            }
            return out;
        });

        assertEquals(List.of("Trampoline/Group0", "Trampoline/Group1", "Trampoline/Group2"), paths);
        assertEquals(3, stack.getNode().getChildren().size());
    }

    @Test
    void throwsWhatTheWorkThrew() {
        Stack stack = new Stack(AppContext.app(), "Trampoline");
        IllegalStateException thrown = new IllegalStateException("the work failed");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JsiiTrampoline.call(stack, () -> {
                    throw thrown;
                }));

        assertSame(thrown, e);
    }
}
