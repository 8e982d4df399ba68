package dev.modelrun.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
  @Test
  void a_blank_endpoint_means_aws_and_a_blank_region_us_east_1() {
    S3Settings settings = S3Settings.of("", " ");

    assertThat(settings.endpoint()).isEmpty();
    assertThat(settings.region()).isEqualTo("us-east-1");
  }

  @Test
  void an_endpoint_and_region_are_taken_as_given() {
    S3Settings settings = S3Settings.of("http://minio:9000", "eu-west-3").withMaxConnections(16);

    assertThat(settings.endpoint()).contains(URI.create("http://minio:9000"));
    assertThat(settings.region()).isEqualTo("eu-west-3");
    assertThat(settings.maxConnections()).isEqualTo(16);
  }

  @Test
  void an_endpoint_that_is_not_http_or_a_region_that_is_not_a_name_is_refused() {
    assertThatThrownBy(() -> S3Settings.of("file:///etc", "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
    assertThatThrownBy(() -> S3Settings.of("", "us-east-1.evil.example"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a region name");
  }

  @Test
  void a_results_location_is_parsed_from_an_s3_uri() {
    assertThat(S3ResultsLocation.parse("s3://my-bucket/modelrun/results"))
        .isEqualTo(new S3ResultsLocation("my-bucket", "modelrun/results/"));
    assertThat(S3ResultsLocation.parse("s3://my-bucket")).isEqualTo(new S3ResultsLocation("my-bucket", ""));
    assertThatThrownBy(() -> S3ResultsLocation.parse("https://my-bucket/x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3://bucket/prefix");
  }

  @Test
  void bucket_and_region_names_follow_the_rules_of_s3() {
    assertThat(S3Names.isBucket("my.bucket-1")).isTrue();
    assertThat(S3Names.isBucket("ab")).isFalse();
    assertThat(S3Names.isBucket("My_Bucket")).isFalse();
    assertThat(S3Names.isBucket("a..b")).isFalse();
    assertThat(S3Names.isRegion("ap-southeast-2")).isTrue();
    assertThat(S3Names.isRegion("us-east-1/../x")).isFalse();
  }
}
