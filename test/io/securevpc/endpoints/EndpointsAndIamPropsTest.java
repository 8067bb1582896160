package io.securevpc.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.iam.NetworkOperatorRolesProps;
import io.securevpc.iam.NetworkPermissionBoundaryProps;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Endpoint and IAM props check their required values at {@code build()}: a missing one is a
 * {@link BlueprintValidationException} naming the prop and its code, not a {@code NullPointerException}.
 */
class EndpointsAndIamPropsTest {
    @Test
    void failsToBuildGatewayEndpointsPropsWithoutTheVpc() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> GatewayEndpointsProps.builder().build());
        assertEquals("Invalid configuration of GatewayEndpointsProps (1 problem):"
                + "\n  - [SVPC-009] vpc = (unset): a value: vpc is required", e.getMessage());
    }

    @Test
    void failsToBuildInterfaceEndpointsPropsWithoutTheVpc() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> InterfaceEndpointsProps.builder().consumerCidrs(List.of("10.0.0.0/24")).build());
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS), e.getCodes());
        assertEquals("vpc", e.getProblems().get(0).prop());
    }

    @Test
    void failsToBuildOperatorRolesPropsWithoutTheVpc() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> NetworkOperatorRolesProps.builder().build());
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS), e.getCodes());
        assertEquals("vpc", e.getProblems().get(0).prop());
    }

    @Test
    void failsToBuildBoundaryPropsWithoutTheCeiling() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> NetworkPermissionBoundaryProps.builder().build());
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS), e.getCodes());
        assertEquals("ceiling", e.getProblems().get(0).prop());
    }

    /** Getters return what was set: an unset optional list is null, its default is the construct's business. */
    @Test
    void unsetOptionalListsReadAsNull() {
        NetworkPermissionBoundaryProps boundary = NetworkPermissionBoundaryProps.builder().ceiling(List.of()).build();
        assertNull(boundary.getInternetVpcs());
        assertNull(boundary.getProtectedLogGroups());
        assertEquals(List.of(), boundary.getCeiling());
    }
}
