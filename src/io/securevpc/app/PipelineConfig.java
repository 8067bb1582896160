package io.securevpc.app;

import io.securevpc.internal.AwsIds;
import java.util.regex.Pattern;

/**
 * The optional CDK Pipelines delivery of the app ({@link BlueprintPipeline}): where the pipeline lives and which
 * repository it builds. Only {@link PipelineApp} reads it; the default app ({@link BlueprintApp}) never builds a
 * pipeline.
 *
 * @param connectionArn the CodeStar (CodeConnections) connection to the repository's host, created and authorized
 *     once in the console
 * @param repository the repository, {@code owner/name}
 * @param branch the branch the pipeline builds; {@code main} when unset
 * @param account the account of the pipeline (a tooling or deployment account)
 * @param region the region of the pipeline
 */
public record PipelineConfig(@Required String connectionArn, @Required String repository, String branch,
                             @Required String account, @Required String region) {
    private static final Pattern CONNECTION_ARN = Pattern.compile("^arn:aws(-[a-z]+)*:(codestar-connections|"
            + "codeconnections):[a-z]{2,4}(-[a-z]+)+-\\d{1,2}:\\d{12}:connection/[0-9a-f-]{36}$");
    private static final Pattern REPOSITORY = Pattern.compile("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$");
    private static final Pattern BRANCH = Pattern.compile("^[A-Za-z0-9._/-]{1,255}$");

    /** @return the branch given, or {@code main}. */
    @Override
    public String branch() {
        return branch == null ? "main" : branch;
    }

    /** Checks the values (the reader has checked their JSON types). */
    void validate(final String key, final ConfigReader reader) {
        if (connectionArn == null || !CONNECTION_ARN.matcher(connectionArn).matches()) {
            reader.add(key + ".connectionArn", connectionArn, "a CodeStar connection ARN: arn:<partition>:"
                    + "codestar-connections:<region>:<account>:connection/<uuid> (or codeconnections), e.g. "
                    + "arn:aws:codestar-connections:eu-west-1:111122223333:connection/"
                    + "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        }
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            reader.add(key + ".repository", repository, "owner/name, e.g. example-org/secure-vpc");
        }
        if (branch != null && !BRANCH.matcher(branch).matches()) {
            reader.add(key + ".branch", branch, "a branch name, e.g. main");
        }
        if (account == null || !AwsIds.Format.ACCOUNT_ID.matches(account)) {
            reader.add(key + ".account", account, AwsIds.Format.ACCOUNT_ID.allowed());
        }
        if (region == null || !AwsIds.Format.REGION_NAME.matches(region)) {
            reader.add(key + ".region", region, AwsIds.Format.REGION_NAME.allowed());
        }
    }
}
