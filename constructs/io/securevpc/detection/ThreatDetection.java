package io.securevpc.detection;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.guardduty.CfnDetector;
import software.constructs.Construct;

/**
 * Amazon GuardDuty for the account and region (BP-MON-2): managed threat detection over CloudTrail, flow
 * logs and DNS logs (the only way to watch the VPC's DNS queries), with every current protection feature
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
        if (p.getExistingDetectorId() != null) {
            this.detectorId = p.getExistingDetectorId();
            return;
        }
        List<CfnDetector.CFNFeatureConfigurationProperty> features = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            boolean on = !p.getDisabledFeatures().contains(feature);
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
                .findingPublishingFrequency(p.getFindingPublishingFrequency().name())
                .features(features)
                .build();
        this.detectorId = detector.getRef();
    }

    /** @return the id of the created or adopted detector. */
    public @NotNull String getDetectorId() {
        return detectorId;
    }
}
