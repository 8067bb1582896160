package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.network.NatStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each profile switches, as docs/config.md's table states it: the table and {@link Profile} must agree, so a
 * change to one without the other fails here. (The templates each profile produces are checked by
 * {@link ProfileMatrixTest}.)
 */
class ProfileTest {
    @Test
    void alertSubscriptionsAreRequiredInProdAndRegulatedOnly() {
        assertEquals(List.of(false, true, true),
                List.of(Profile.DEV.requireAlertSubscriptions(), Profile.PROD.requireAlertSubscriptions(),
                        Profile.REGULATED.requireAlertSubscriptions()));
    }

    @Test
    void natGatewaysAreOneInDevAndOnePerAzOtherwise() {
        assertEquals(List.of(NatStrategy.SINGLE, NatStrategy.PER_AZ, NatStrategy.PER_AZ),
                List.of(Profile.DEV.natStrategy(), Profile.PROD.natStrategy(), Profile.REGULATED.natStrategy()));
    }

    @Test
    void configDocTableStatesEachProfilesValues() throws IOException {
        String doc = Files.readString(Path.of("docs", "config.md"));
        assertTrue(doc.contains("| KMS key deletion window (`PendingWindowInDays`, every key of the stage) | 7 days | "
                + "30 days | 30 days |"), "deletion window row");
        assertTrue(doc.contains("| alert subscriptions required (`Profile.requireAlertSubscriptions()`) | no | yes | "
                + "yes |"), "alert subscriptions row");
        assertTrue(doc.contains("| a VPC without DNS Firewall (`Profile.requiresDnsFirewall()`) | gate warning | "
                + "gate warning | gate error (`VpcDnsFirewallRequired`) |"), "DNS Firewall row");
        assertEquals(List.of(false, false, true), List.of(Profile.DEV.requiresDnsFirewall(),
                Profile.PROD.requiresDnsFirewall(), Profile.REGULATED.requiresDnsFirewall()));
        assertTrue(doc.contains("| Object Lock of the CloudTrail archive (GOVERNANCE) | 30 days | 365 days | "
                + "2557 days (7 years) |"), "archive row");
        assertEquals(List.of(7, 30, 30), List.of(Profile.DEV.keyPendingWindowDays(), Profile.PROD.keyPendingWindowDays(),
                Profile.REGULATED.keyPendingWindowDays()));
        assertEquals(List.of(30, 365, 2557), List.of(Profile.values()).stream()
                .map(p -> p.archiveLockRetention().toDays().intValue()).toList());
    }
}
