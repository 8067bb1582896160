package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the app puts audit stacks: one per distinct (account, region) of the environments; the first region of
 * each account is its home (trail, alarms, global resources). Pure Java: no synth.
 */
class AuditStackTargetTest {
    private static EnvironmentConfig env(final String name, final String account, final String region) {
        return new EnvironmentConfig(name, "SecureVpc-" + name, Profile.PROD, EnvironmentConfig.Shape.THREE_TIER,
                "10.0.0.0/16", account, region, null, List.of("a", "b"), null, List.of(), null, null, null, null, null);
    }

    @Test
    void environmentsInOnePlaceShareOneAuditStack() {
        assertEquals(List.of(new AuditStack.Target(null, "eu-west-1", true)), AuditStack.Target.of(List.of(
                env("a", null, "eu-west-1"), env("b", null, "eu-west-1"))));
    }

    @Test
    void firstRegionOfEachAccountIsItsHome() {
        assertEquals(List.of(
                        new AuditStack.Target("111111111111", "eu-west-1", true),
                        new AuditStack.Target("111111111111", "us-east-1", false),
                        new AuditStack.Target("222222222222", "us-east-1", true)),
                AuditStack.Target.of(List.of(env("a", "111111111111", "eu-west-1"),
                        env("b", "111111111111", "us-east-1"), env("c", "222222222222", "us-east-1"),
                        env("d", "111111111111", "eu-west-1"))));
    }

    @Test
    void stackNamesCarryTheConfiguredAccountAndRegion() {
        assertEquals("SecureVpc-Audit-111111111111-eu-west-1",
                new AuditStack.Target("111111111111", "eu-west-1", true).stackName());
        assertEquals("SecureVpc-Audit-eu-west-1", new AuditStack.Target(null, "eu-west-1", true).stackName());
        assertEquals("SecureVpc-Audit", new AuditStack.Target(null, null, true).stackName());
    }
}
