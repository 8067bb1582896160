package io.securevpc.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connectivity props check their required values at {@code build()} and return what was set. */
class ConnectivityPropsTest {

    /** Every missing required prop is named, in one exception, before any construct exists. */
    @Test
    void failsToBuildVpnPropsWithoutTheVpcAndTheCustomerGateway() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> SiteToSiteVpnProps.builder().onPremisesCidrs(List.of("192.168.0.0/16")).build());
        assertEquals(List.of(ErrorCode.CONFLICTING_PROPS, ErrorCode.CONFLICTING_PROPS), e.getCodes());
        assertEquals("Invalid configuration of SiteToSiteVpnProps (2 problems):"
                + "\n  - [SVPC-009] secureVpc = (unset): a value: secureVpc is required"
                + "\n  - [SVPC-009] customerGatewayIp = (unset): a value: customerGatewayIp is required",
                e.getMessage());
    }

    @Test
    void failsToBuildAttachmentPropsWithoutTheAttachmentTier() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> TransitGatewayAttachmentProps.builder().build());
        assertEquals(List.of("secureVpc", "attachmentTier"),
                e.getProblems().stream().map(BlueprintValidationException.Problem::prop).toList());
    }

    @Test
    void failsToBuildPeeringPropsWithoutTheVpc() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> VpcPeeringProps.builder().peerVpcId("vpc-0123456789abcdef0").build());
        assertEquals("secureVpc", e.getProblems().get(0).prop());
    }

    @Test
    void failsToBuildPrivateLinkPropsWithoutTheVpc() {
        assertEquals("vpc", assertThrows(BlueprintValidationException.class,
                () -> PrivateLinkServiceProps.builder().build()).getProblems().get(0).prop());
        assertEquals(List.of("vpc", "service"), assertThrows(BlueprintValidationException.class,
                () -> PrivateLinkEndpointProps.builder().build()).getProblems().stream()
                .map(BlueprintValidationException.Problem::prop).toList());
    }
}
