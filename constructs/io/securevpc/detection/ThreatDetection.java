package io.securevpc.detection;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.guardduty.CfnDetector;
import software.amazon.awscdk.services.guardduty.CfnPublishingDestination;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * Amazon GuardDuty for the account and region (BP-MON-2): managed threat detection over CloudTrail, flow
 * logs and DNS logs (its own analysis; the account's record of a VPC's DNS queries is SecureVpc's Route 53
 * Resolver query log, and DnsFirewall filters them), with every current protection feature
 * on unless switched off (each switch-off warns at synth). There is one detector per account and region:
 * pass {@link ThreatDetectionProps#getExistingDetectorId()} to adopt it instead of creating one.
 */
public class ThreatDetection extends Construct {
    /** GuardDuty feature names, as the API spells them. */
    public enum Feature {
        S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, RUNTIME_MONITORING,
        LAMBDA_NETWORK_LOGS
    }

    private final String detectorId;

    public ThreatDetection(final @NotNull Construct scope, final @NotNull String id,
                           final @Nullable ThreatDetectionProps props) {
        super(scope, id);
        ThreatDetectionProps p = props != null ? props : ThreatDetectionProps.builder().build();
        validate(p);
        this.detectorId = p.getExistingDetectorId() != null ? p.getExistingDetectorId() : createDetector(p);
        if (p.getFindingsBucket() != null) {
            exportFindings(p.getFindingsBucket(), p.getFindingsKey());
        }
    }

    private void validate(final ThreatDetectionProps p) {
        Problems problems = new Problems();
        if ((p.getFindingsBucket() == null) != (p.getFindingsKey() == null)) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "findingsKey", p.getFindingsKey() == null ? null : "(a key)",
                    "set together with findingsBucket: GuardDuty exports findings only KMS-encrypted");
        }
        problems.throwIfAny(() -> "ThreatDetection " + getNode().getPath());
    }

    /**
     * Exports findings to the bucket (BP-MON-2): GuardDuty may write objects under
     * {@code AWSLogs/<account>/GuardDuty/} (where it writes when the destination names the bucket without a
     * prefix, beside CloudTrail's and AWS Config's {@code AWSLogs/<account>/...}) and read the bucket's location, and
     * encrypt with the key, only for this account's detectors ({@code aws:SourceAccount} / {@code aws:SourceArn}).
     * No prefix: a prefix must exist as a folder object when the destination is created or updated (reported in
     * aws/aws-cli#10483), which a new bucket does not have. The destination is {@code RETAIN}, like the detector: deleting the stack does not stop the
     * export.
     */
    private void exportFindings(final IBucket bucket, final IKey key) {
        Stack stack = Stack.of(this);
        Map<String, Object> fromThisAccount = Maps.of(
                "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                "ArnLike", Maps.of("aws:SourceArn", "arn:" + stack.getPartition() + ":guardduty:" + stack.getRegion()
                        + ":" + stack.getAccount() + ":detector/*"));
        ServicePrincipal guardDuty = new ServicePrincipal("guardduty.amazonaws.com");
        bucket.addToResourcePolicy(PolicyStatement.Builder.create().sid("GuardDutyWritesFindings")
                .principals(List.of(guardDuty)).actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects("AWSLogs/" + stack.getAccount() + "/GuardDuty/*")))
                .conditions(fromThisAccount).build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create().sid("GuardDutyLocatesBucket")
                .principals(List.of(guardDuty)).actions(List.of("s3:GetBucketLocation"))
                .resources(List.of(bucket.getBucketArn())).conditions(fromThisAccount).build());
        key.addToResourcePolicy(PolicyStatement.Builder.create().sid("GuardDutyEncryptsFindings")
                .principals(List.of(guardDuty)).actions(List.of("kms:GenerateDataKey"))
                .resources(List.of("*")).conditions(fromThisAccount).build());
        CfnPublishingDestination export = CfnPublishingDestination.Builder.create(this, "FindingsExport")
                .detectorId(detectorId)
                .destinationType("S3")
                .destinationProperties(CfnPublishingDestination.CFNDestinationPropertiesProperty.builder()
                        .destinationArn(bucket.getBucketArn())
                        .kmsKeyArn(key.getKeyArn())
                        .build())
                .build();
        export.applyRemovalPolicy(RemovalPolicy.RETAIN);
        if (bucket.getPolicy() != null) {
            // GuardDuty checks its access when the destination is created.
            export.getNode().addDependency(bucket.getPolicy());
        }
    }

    // The defaults of the optional props, in one place.

    private static Set<Feature> disabledFeatures(final ThreatDetectionProps p) {
        return p.getDisabledFeatures() != null ? p.getDisabledFeatures() : Set.of();
    }

    private static ThreatDetectionProps.PublishingFrequency findingPublishingFrequency(final ThreatDetectionProps p) {
        return p.getFindingPublishingFrequency() != null ? p.getFindingPublishingFrequency()
                : ThreatDetectionProps.PublishingFrequency.FIFTEEN_MINUTES;
    }

    private String createDetector(final ThreatDetectionProps p) {
        List<CfnDetector.CFNFeatureConfigurationProperty> features = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            boolean on = !disabledFeatures(p).contains(feature);
            if (!on) {
                Annotations.of(this).addWarningV2("@securevpc/detection:featureDisabled",
                        "GuardDuty feature " + feature + " is off: its threats go undetected (BP-MON-2).");
            }
            CfnDetector.CFNFeatureConfigurationProperty.Builder f = CfnDetector.CFNFeatureConfigurationProperty
                    .builder().name(feature.name()).status(on ? "ENABLED" : "DISABLED");
            if (feature == Feature.RUNTIME_MONITORING && on) {
                f.additionalConfiguration(List.of("EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT",
                        "EC2_AGENT_MANAGEMENT").stream().map(name -> CfnDetector.CFNFeatureAdditionalConfigurationProperty
                        .builder().name(name).status("ENABLED").build()).toList());
            }
            features.add(f.build());
        }
        CfnDetector detector = CfnDetector.Builder.create(this, "Detector")
                .enable(true)
                .findingPublishingFrequency(findingPublishingFrequency(p).name())
                .features(features)
                .build();
        // Deleting or replacing the stack must not switch threat detection off (BP-MON-2); a new stack adopts the
        // retained detector through existingDetectorId.
        detector.applyRemovalPolicy(RemovalPolicy.RETAIN);
        return detector.getRef();
    }

    /** @return the id of the created or adopted detector. */
    public @NotNull String getDetectorId() {
        return detectorId;
    }
}
