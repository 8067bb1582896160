package io.securevpc.app;

import software.amazon.awscdk.Environment;
import software.amazon.awscdk.PropertyInjectors;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.constructs.Construct;

/**
 * The stacks of one account and region, as one CDK {@link Stage}: its network stacks, and its audit, detection and
 * connectivity stacks. Deploy one with {@code cdk deploy '<stage>/*'}; the cloud assembly holds its templates in
 * {@code cdk.out/assembly-<stage>/}. The stacks keep their own CloudFormation stack names: a stage changes construct
 * paths, not what is deployed. The gate registered on the app checks the stacks of every stage.
 */
public final class DeploymentStage extends Stage {
    private final Profile profile;

    /**
     * @param account the account, or {@code null} for the CLI's account
     * @param region the region, or {@code null} for the CLI's region
     * @param profile the profile of the stage's environments (they share one)
     */
    public DeploymentStage(final Construct scope, final String account, final String region, final Profile profile) {
        super(scope, name(profile, account, region), StageProps.builder()
                .env(account == null && region == null ? null
                        : Environment.builder().account(account).region(region).build())
                .build());
        this.profile = profile;
        PropertyInjectors.of(this).add(new KeyPendingWindow(profile));
    }

    /**
     * @return the stage's name: the profile, then the account and the region where configured, joined by dashes
     *     ({@code prod-eu-west-1}, {@code prod-111111111111-eu-west-1}); CDK allows letters, digits, '-', '_', '.'
     */
    public static String name(final Profile profile, final String account, final String region) {
        return profile.configName() + (account == null ? "" : "-" + account) + (region == null ? "" : "-" + region);
    }

    public Profile getProfile() {
        return profile;
    }
}
