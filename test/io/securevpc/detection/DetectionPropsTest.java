package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detection props check their required values at {@code build()} and return what was set. */
class DetectionPropsTest {

    @Test
    void failsToBuildBlockingPropsWithoutTheVpcAndTheAlerts() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> MaliciousIpBlockingProps.builder().severityThreshold(2.0).build());
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS, ErrorCode.CONFLICTING_PROPS), e.getCodes());
        assertEquals(List.of("secureVpc", "alerts"),
                e.getProblems().stream().map(BlueprintValidationException.Problem::prop).toList());
        assertEquals("Invalid configuration of MaliciousIpBlockingProps (2 problems):"
                + "\n  - [SVPC-009] secureVpc = (unset): a value: secureVpc is required"
                + "\n  - [SVPC-009] alerts = (unset): a value: alerts is required", e.getMessage());
    }

    @Test
    void failsToBuildIsolationPropsWithoutTheVpcAndTheAlerts() {
        assertEquals(List.of("vpc", "alerts"), assertThrows(BlueprintValidationException.class,
                () -> InstanceIsolationProps.builder().build()).getProblems().stream()
                .map(BlueprintValidationException.Problem::prop).toList());
    }

    /** Unset optional props read as unset: the construct applies the default, not the props. */
    @Test
    void leavesUnsetOptionalPropsUnset() {
        ThreatDetectionProps props = ThreatDetectionProps.builder().build();
        assertNull(props.getDisabledFeatures());
        assertNull(props.getFindingPublishingFrequency());
    }
}
