package io.securevpc.defaults;

import io.securevpc.internal.HardenedBuckets;
import java.util.Map;
import software.amazon.awscdk.FeatureFlags;
import software.amazon.awscdk.IPropertyInjector;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/** The injectors of the constructs that hold or protect data. Package-private: see {@link SecureDefaults}. */
final class DataDefaults {
    private DataDefaults() {
    }

    /** LogGroup: encrypted with the stack's shared customer managed key (BP-MON-1). */
    static final class LogGroupDefaults extends InjectedProps implements IPropertyInjector {
        LogGroupDefaults(final SecureDefaults defaults) {
            super(LogGroup.PROPERTY_INJECTION_ID, defaults);
        }

        @Override
        void addDefaults(final Map<String, Object> props, final Construct scope, final String id) {
            if (isUnset(props, "encryptionKey")) {
                props.put("encryptionKey", defaults.shared(Stack.of(scope)).logsKey());
            }
        }
    }

    /**
     * Bucket: SSE-KMS under a key of its own (CDK creates it; the Key injector rotates it) with a Bucket Key,
     * SSL-only with TLS 1.2, public access blocked, owner enforced, versioned, access logs to the stack's bucket.
     */
    static final class BucketDefaults extends InjectedProps implements IPropertyInjector {
        BucketDefaults(final SecureDefaults defaults) {
            super(Bucket.PROPERTY_INJECTION_ID, defaults);
        }

        @Override
        void addDefaults(final Map<String, Object> props, final Construct scope, final String id) {
            if (isUnset(props, "encryption") && isUnset(props, "encryptionKey")) {
                props.put("encryption", BucketEncryption.KMS);
            }
            if (isUnset(props, "bucketKeyEnabled") && (isUnset(props, "encryption")
                    || props.get("encryption") == BucketEncryption.KMS || "KMS".equals(props.get("encryption")))) {
                props.put("bucketKeyEnabled", true);
            }
            putIfUnset(props, "enforceSSL", true);
            if (Boolean.TRUE.equals(props.get("enforceSSL"))) {
                putIfUnset(props, "minimumTLSVersion", 1.2);
            }
            putIfUnset(props, "blockPublicAccess", BlockPublicAccess.BLOCK_ALL);
            putIfUnset(props, "objectOwnership", ObjectOwnership.BUCKET_OWNER_ENFORCED);
            putIfUnset(props, "versioned", true);
            if (isUnset(props, "serverAccessLogsBucket") && isUnset(props, "serverAccessLogsPrefix")
                    && FeatureFlags.of(scope).isEnabled(HardenedBuckets.ACCESS_LOGS_USE_BUCKET_POLICY)) {
                props.put("serverAccessLogsBucket", defaults.shared(Stack.of(scope)).accessLogBucket());
                props.put("serverAccessLogsPrefix", id + "/");
            }
        }
    }

    /** Key: rotated yearly. */
    static final class KeyDefaults extends InjectedProps implements IPropertyInjector {
        KeyDefaults() {
            super(Key.PROPERTY_INJECTION_ID);
        }

        @Override
        void addDefaults(final Map<String, Object> props, final Construct scope, final String id) {
            putIfUnset(props, "enableKeyRotation", true);
        }
    }

    /** Topic: SSL-only, encrypted with a customer managed key of its own. */
    static final class TopicDefaults extends InjectedProps implements IPropertyInjector {
        TopicDefaults() {
            super(Topic.PROPERTY_INJECTION_ID);
        }

        @Override
        void addDefaults(final Map<String, Object> props, final Construct scope, final String id) {
            putIfUnset(props, "enforceSSL", true);
            if (isUnset(props, "masterKey")) {
                props.put("masterKey", Key.Builder.create(scope, id + "Key")
                        .description("Encrypts the SNS topic " + id + " (io.securevpc.defaults)")
                        .enableKeyRotation(true)
                        .build());
            }
        }
    }
}
