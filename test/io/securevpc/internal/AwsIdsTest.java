package io.securevpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.ErrorCode;
import io.securevpc.internal.AwsIds.Format;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The formats of AWS ids and names, and the region list: plain Java, no jsii. */
class AwsIdsTest {

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyExampleHasItsFormatAndIsInItsMessage(final Format format) {
        assertTrue(format.matches(format.example()), format.example());
        assertTrue(format.allowed().endsWith(", e.g. " + format.example()), format.allowed());
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "VPC_ID, vpc-0a1b2c3d, true",
            "VPC_ID, vpc-0a1b2c3d4e5f67890, true",
            "VPC_ID, vpc-0a1b2c3, false",
            "VPC_ID, vpc-0a1b2c3d4e5f6789, false",
            "VPC_ID, VPC-0A1B2C3D, false",
            "VPC_ID, vpc-0a1b2c3g, false",
            "VPC_ID, subnet-0a1b2c3d, false",
            "TRANSIT_GATEWAY_ID, tgw-0a1b2c3d4e5f67890, true",
            "TRANSIT_GATEWAY_ID, tgw-xyz, false",
            "TRANSIT_GATEWAY_ID, vpc-0a1b2c3d, false",
            "PREFIX_LIST_ID, pl-6da54004, true",
            "PREFIX_LIST_ID, pl-0a1b2c3d4e5f67890, true",
            "PREFIX_LIST_ID, pl-, false",
            "PREFIX_LIST_ID, com.amazonaws.eu-west-1.s3, false",
            "ACCOUNT_ID, 111122223333, true",
            "ACCOUNT_ID, 11112222333, false",
            "ACCOUNT_ID, 1111-2222-3333, false",
            "ORGANIZATION_ID, o-a1b2c3d4e5, true",
            "ORGANIZATION_ID, o-short, false",
            "ORGANIZATION_ID, r-ab12, false",
            "REGION_NAME, eu-west-1, true",
            "REGION_NAME, us-gov-west-1, true",
            "REGION_NAME, cn-northwest-1, true",
            "REGION_NAME, eusc-de-east-1, true",
            "REGION_NAME, eu-west, false",
            "REGION_NAME, EU-WEST-1, false",
            "REGION_NAME, eu-west-1a, false",
            "AVAILABILITY_ZONE, eu-west-1a, true",
            "AVAILABILITY_ZONE, eu-west-1, false",
            "AVAILABILITY_ZONE, eu-west-1ab, false",
            "AVAILABILITY_ZONE, us-west-2-lax-1a, false",
            "ZONE_NAME, eu-west-1a, true",
            "ZONE_NAME, us-west-2-lax-1a, true",
            "ZONE_NAME, euw1-az1, false",
            "ZONE_NAME, eu-west-1, false",
            "CERTIFICATE_ARN, arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, true",
            "CERTIFICATE_ARN, arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, true",
            "CERTIFICATE_ARN, arn:aws:acm:eu-west-1:111122223333:certificate/1234, false",
            "CERTIFICATE_ARN, arn:aws:iam::111122223333:server-certificate/web, false",
            "KMS_KEY_ARN, arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, true",
            "KMS_KEY_ARN, arn:aws:kms:eu-west-1:111122223333:key/mrk-0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d, true",
            "KMS_KEY_ARN, arn:aws:kms:eu-west-1:111122223333:alias/logs, false",
            "S3_BUCKET_NAME, org-trail-archive-111122223333, true",
            "S3_BUCKET_NAME, a.b-c, true",
            "S3_BUCKET_NAME, Org-Trail, false",
            "S3_BUCKET_NAME, ab, false",
            "S3_BUCKET_NAME, -archive, false",
            "CLOUDTRAIL_ARN, arn:aws:cloudtrail:eu-west-1:111122223333:trail/organization-trail, true",
            "CLOUDTRAIL_ARN, arn:aws:cloudtrail:eu-west-1::trail/organization-trail, false",
            "CLOUDTRAIL_ARN, organization-trail, false",
            "DETECTOR_ID, 12abc34d567e8fa901bc2d34e56789f0, true",
            "DETECTOR_ID, detector-1, false"
    })
    void matchesOnlyItsFormat(final Format format, final String value, final boolean valid) {
        assertEquals(valid, format.matches(value));
    }

    @Test
    void aZoneIsItsRegionAndOneLetter() {
        assertTrue(AwsIds.isZoneOf("eu-west-1a", "eu-west-1"));
        assertFalse(AwsIds.isZoneOf("eu-west-1a", "eu-west-2"));
        assertFalse(AwsIds.isZoneOf("eu-west-12", "eu-west-1"));
        assertFalse(AwsIds.isZoneOf("eu-west-1", "eu-west-1"));
        assertFalse(AwsIds.isZoneOf("eu-west-1az", "eu-west-1"));
        assertFalse(AwsIds.isZoneOf(null, "eu-west-1"));
    }

    /** A well-formed literal never asks jsii whether it is a token; an unset value is not a problem. */
    @Test
    void checkAddsNothingForAWellFormedOrUnsetValue() {
        Problems problems = new Problems();
        assertTrue(AwsIds.check(problems, ErrorCode.CONNECTIVITY, "peerVpcId", "vpc-0a1b2c3d", Format.VPC_ID));
        assertTrue(AwsIds.check(problems, ErrorCode.CONNECTIVITY, "peerVpcId", null, Format.VPC_ID));
        assertTrue(problems.isEmpty());
    }

    @Test
    void listsTheRegionsOfTheThreePartitionsOnce() {
        List<String> all = new java.util.ArrayList<>(AwsRegions.COMMERCIAL);
        all.addAll(AwsRegions.GOV_CLOUD);
        all.addAll(AwsRegions.CHINA);
        assertEquals(all.size(), new java.util.HashSet<>(all).size(), "no region twice");
        assertTrue(all.stream().allMatch(Format.REGION_NAME::matches), String.valueOf(all));
        for (String region : List.of("eu-west-1", "us-east-1", "us-gov-west-1", "cn-north-1", "ap-southeast-7")) {
            assertTrue(AwsRegions.isListed(region), region);
        }
        assertFalse(AwsRegions.isListed("eu-wset-1"));
    }

    @Test
    void suggestsTheClosestListedRegionForATypo() {
        Map.of("eu-wset-1", "eu-west-1", "us-esat-1", "us-east-1", "us-gov-wset-1", "us-gov-west-1",
                "cn-nroth-1", "cn-north-1").forEach((typo, region) -> assertEquals(region, AwsRegions.closest(typo)));
    }
}
