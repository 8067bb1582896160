package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnWaitConditionHandle;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;

class StackLimitsTest {

    @Test
    void acceptsStacksExactlyAtTheLimits() {
        // GIVEN a stack with 500 resources and a 1,000,000-byte template
        List<StackLimits.Usage> usages = List.of(new StackLimits.Usage("AtLimit", 500, 1_000_000L));

        // WHEN / THEN
        assertDoesNotThrow(() -> StackLimits.check(usages));
    }

    @Test
    void failsOnMoreThan500Resources() {
        // GIVEN
        List<StackLimits.Usage> usages = List.of(new StackLimits.Usage("SecureVpc-Big", 501, 10_000L));

        // WHEN
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> StackLimits.check(usages));

        // THEN the error names the stack, the count and the limit
        assertEquals(List.of(ErrorCode.STACK_LIMITS), e.getCodes());
        assertTrue(e.getMessage().contains("[SVPC-021] stack SecureVpc-Big resources = 501: at most 500 resources"),
                e.getMessage());
    }

    @Test
    void failsOnTemplateOver1Mb() {
        // GIVEN
        List<StackLimits.Usage> usages = List.of(new StackLimits.Usage("SecureVpc-Wide", 10, 1_000_001L));

        // WHEN
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> StackLimits.check(usages));

        // THEN
        assertTrue(e.getMessage().contains("stack SecureVpc-Wide template bytes = 1000001: at most 1000000 bytes"),
                e.getMessage());
    }

    @Test
    void failsNamingEveryStackOverALimitAtOnce() {
        // GIVEN one stack within limits and two over
        List<StackLimits.Usage> usages = List.of(new StackLimits.Usage("Ok", 10, 10L),
                new StackLimits.Usage("TooMany", 600, 10L), new StackLimits.Usage("TooLarge", 10, 2_000_000L));

        // WHEN
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> StackLimits.check(usages));

        // THEN
        assertEquals(2, e.getProblems().size());
        assertTrue(e.getMessage().contains("TooMany") && e.getMessage().contains("TooLarge")
                && !e.getMessage().contains("stack Ok"), e.getMessage());
    }

    @Test
    void largestIsTheStackWithMostResources() {
        // GIVEN
        List<StackLimits.Usage> usages = List.of(new StackLimits.Usage("A", 10, 900L),
                new StackLimits.Usage("B", 12, 100L));

        // WHEN / THEN
        assertEquals("B", StackLimits.largest(usages).orElseThrow().stackName());
    }

    @Test
    void measuresTheSynthesizedTemplates() {
        // GIVEN a stack of three resources
        App app = new App();
        Stack stack = new Stack(app, "Three");
        for (int i = 0; i < 3; i++) {
            new CfnWaitConditionHandle(stack, "Handle" + i);
        }

        // WHEN
        List<StackLimits.Usage> usages = StackLimits.measure(app.synth());

        // THEN
        assertEquals(1, usages.size());
        assertEquals("Three", usages.get(0).stackName());
        assertEquals(3, usages.get(0).resources());
        assertTrue(usages.get(0).templateBytes() > 0);
    }

    @Test
    void failsOnASynthesizedStackOver500ResourcesEvenWhenCdksOwnLimitIsRaised() {
        // GIVEN an app that raises CDK's own resource limit, and a stack of 501 resources
        App app = App.Builder.create().context(Map.of("@aws-cdk/core:stackResourceLimit", "1000")).build();
        Stack stack = new Stack(app, "Crowded");
        for (int i = 0; i < 501; i++) {
            new CfnWaitConditionHandle(stack, "Handle" + i);
        }
        CloudAssembly assembly = app.synth();

        // WHEN
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> StackLimits.check(assembly));

        // THEN
        assertTrue(e.getMessage().contains("stack Crowded resources = 501: at most 500"), e.getMessage());
    }

    @Test
    void failsOnASynthesizedTemplateOver1MbThatCdkOnlyWarnsAbout() {
        // GIVEN a stack whose one resource carries 1.1 MB of metadata
        App app = new App();
        Stack stack = new Stack(app, "Heavy");
        new CfnWaitConditionHandle(stack, "Handle").addMetadata("Padding", "x".repeat(1_100_000));
        CloudAssembly assembly = app.synth();

        // WHEN
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> StackLimits.check(assembly));

        // THEN
        assertTrue(e.getMessage().contains("stack Heavy template bytes = 11"), e.getMessage());
    }
}
