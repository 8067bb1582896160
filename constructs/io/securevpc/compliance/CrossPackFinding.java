package io.securevpc.compliance;

import java.util.List;
import org.jetbrains.annotations.NotNull;

/**
 * One problem that several packs report, each under its own rule id: what
 * {@link Acknowledgements#acknowledgeAcrossPacks} acknowledges in one call. The ids are those the packs give
 * today (checked by a test that runs every pack on the problem).
 */
public enum CrossPackFinding {
    /**
     * A security group allowing TCP 22 (SSH) from 0.0.0.0/0: six findings in six packs. AwsSolutions-EC23 is not
     * granular: acknowledging it covers every inbound rule from anywhere of the group.
     */
    WORLD_SSH("BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:22]", "AwsSolutions-EC23",
            "NIST.800.53.R4-EC2RestrictedSSH", "NIST.800.53.R5-EC2RestrictedSSH", "HIPAA.Security-EC2RestrictedSSH",
            "PCI.DSS.321-EC2RestrictedSSH");

    private final List<String> ruleIds;

    CrossPackFinding(final String... ruleIds) {
        this.ruleIds = List.of(ruleIds);
    }

    /** @return the rule id of the problem in each pack that reports it. */
    public @NotNull List<String> ruleIds() {
        return ruleIds;
    }
}
