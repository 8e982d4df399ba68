package dev.modelrun.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.model.S3Credentials;
import dev.modelrun.core.model.S3FolderInput;
import dev.modelrun.core.model.S3Input;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.model.Secret;
import dev.modelrun.engine.testkit.EchoModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3InputSourcesIT {
  private static final S3Server SERVER = S3Server.shared();
  private static S3Connections connections;
  private static S3ObjectInputSource objects;
  private static S3FolderInputSource folders;

  @BeforeAll
  static void connect() {
    connections = S3Connections.create(SERVER.settings());
    objects = new S3ObjectInputSource(connections);
    folders = new S3FolderInputSource(connections);
  }

  @AfterAll
  static void disconnect() {
    connections.close();
  }

  private static S3Input object(S3Credentials credentials, String item, String bucket, String key) {
    return new S3Input(credentials, Map.of(item, Map.of("input.txt", new S3Location(bucket, key))));
  }

  private static S3FolderInput folder(S3Credentials credentials, String reference, String bucket, String key) {
    return new S3FolderInput(credentials, Map.of(reference, Map.of("input.txt", new S3Location(bucket, key))));
  }

  private static String text(InputData data) throws IOException {
    return data.content().asCharSource(StandardCharsets.UTF_8).read();
  }

  @Test
  void an_object_becomes_the_value_of_its_model_input_and_is_read_when_asked() throws IOException {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "docs/a.txt", "I love it");

    List<InputItem> items = objects.resolve(object(S3Server.credentials(), "my-item", bucket, "docs/a.txt"),
        EchoModel.DESCRIPTOR);

    assertThat(items).extracting(InputItem::name).containsExactly("my-item");
    InputData data = items.getFirst().inputs().get("input.txt");
    assertThat(data.size()).isEqualTo(9);
    assertThat(data.mediaType()).isEqualTo("text/plain");
    assertThat(text(data)).isEqualTo("I love it");
  }

  @Test
  void objects_of_several_items_are_all_checked_and_keep_the_request_order() throws IOException {
    String bucket = SERVER.newBucket();
    List<String> names = IntStream.range(0, 40).mapToObj(i -> "item-" + i).toList();
    LinkedHashMap<String, Map<String, S3Location>> sources = new LinkedHashMap<>();
    for (String name : names) {
      SERVER.put(bucket, name + ".txt", "text of " + name);
      sources.put(name, Map.of("input.txt", new S3Location(bucket, name + ".txt")));
    }

    List<InputItem> items = objects.resolve(new S3Input(S3Server.credentials(), sources), EchoModel.DESCRIPTOR);

    assertThat(items).extracting(InputItem::name).containsExactlyElementsOf(names);
    assertThat(text(items.get(17).inputs().get("input.txt"))).isEqualTo("text of item-17");
  }

  @Test
  void an_object_of_a_type_the_input_does_not_take_is_given_as_octet_stream() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.bin", "binary/octet-stream", new byte[] {1, 2, 3});

    List<InputItem> items = objects.resolve(object(S3Server.credentials(), "x", bucket, "a.bin"),
        EchoModel.DESCRIPTOR);

    assertThat(items.getFirst().inputs().get("input.txt").mediaType()).isEqualTo("application/octet-stream");
  }

  @Test
  void a_missing_key_is_refused_at_submit_naming_item_input_bucket_and_key() {
    String bucket = SERVER.newBucket();

    assertThatThrownBy(() -> objects.resolve(object(S3Server.credentials(), "my-item", bucket, "nope.txt"),
        EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.my-item.input.txt: no object s3://" + bucket + "/nope.txt");
  }

  @Test
  void a_missing_bucket_is_refused_at_submit() {
    assertThatThrownBy(() -> objects.resolve(object(S3Server.credentials(), "my-item", "no-such-bucket-here",
        "a.txt"), EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.my-item.input.txt: bucket 'no-such-bucket-here' does not exist");
    assertThatThrownBy(() -> folders.resolve(folder(S3Server.credentials(), "ref", "no-such-bucket-here",
        "docs"), EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("input.sources.ref.input.txt")
        .hasMessageContaining("bucket 'no-such-bucket-here' does not exist");
  }

  @Test
  void a_wrong_secret_is_refused_at_submit_without_showing_it() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.txt", "hi");
    S3Credentials wrong = new S3Credentials(S3Server.ACCESS_KEY, Secret.of("wrong-secret-123"), S3Server.REGION);

    assertThatThrownBy(() -> objects.resolve(object(wrong, "my-item", bucket, "a.txt"), EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.sources.my-item.input.txt: ")
        .hasMessageContaining("s3://" + bucket + "/a.txt")
        .hasMessageNotContaining("wrong-secret-123");
    SERVER.put(bucket, "docs/b.txt", "hi");
    assertThatThrownBy(() -> folders.resolve(folder(wrong, "ref", bucket, "docs"), EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the S3 credentials were refused")
        .hasMessageNotContaining("wrong-secret-123");
  }

  @Test
  void an_unknown_access_key_is_refused_at_submit() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "docs/a.txt", "hi");
    S3Credentials unknown = new S3Credentials("nobody", Secret.of("whatever-secret"), S3Server.REGION);

    assertThatThrownBy(() -> folders.resolve(folder(unknown, "ref", bucket, "docs"), EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.sources.ref.input.txt: listing s3://" + bucket + "/docs/ failed: the S3 "
            + "credentials were refused")
        .hasMessageNotContaining("whatever-secret");
  }

  @Test
  void an_object_over_the_model_inputs_maximum_is_refused_at_submit() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "docs/big.txt", "x".repeat(EchoModel.MAX_SIZE + 1));

    assertThatThrownBy(() -> objects.resolve(object(S3Server.credentials(), "big", bucket, "docs/big.txt"),
        EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.big.input.txt: s3://" + bucket + "/docs/big.txt is 1025 bytes, over the "
            + "maximum of 1024 bytes of model input 'input.txt'");
    assertThatThrownBy(() -> folders.resolve(folder(S3Server.credentials(), "ref", bucket, "docs"),
        EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.ref.input.txt: s3://" + bucket + "/docs/big.txt is 1025 bytes, over the "
            + "maximum of 1024 bytes of model input 'input.txt'");
  }

  @Test
  void an_object_that_grew_past_the_maximum_after_submit_fails_while_it_is_read() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.txt", "small");
    InputData data = objects.resolve(object(S3Server.credentials(), "x", bucket, "a.txt"), EchoModel.DESCRIPTOR)
        .getFirst().inputs().get("input.txt");
    SERVER.put(bucket, "a.txt", "x".repeat(5000));

    assertThatThrownBy(() -> data.content().read())
        .isInstanceOf(IOException.class)
        .hasMessage("s3://" + bucket + "/a.txt is over the maximum of 1024 bytes of model input 'input.txt'");
  }

  @Test
  void an_object_deleted_after_submit_fails_when_read_with_a_clear_message() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.txt", "soon gone");
    InputData data = objects.resolve(object(S3Server.credentials(), "x", bucket, "a.txt"), EchoModel.DESCRIPTOR)
        .getFirst().inputs().get("input.txt");
    SERVER.admin().deleteObject(b -> b.bucket(bucket).key("a.txt"));

    assertThatThrownBy(() -> data.content().read())
        .isInstanceOf(IOException.class)
        .hasMessage("reading s3://" + bucket + "/a.txt failed: no object s3://" + bucket + "/a.txt");
  }

  @Test
  void a_folder_gives_one_item_per_object_named_by_the_reference_and_the_relative_key() throws IOException {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "images/a.txt", "A");
    SERVER.put(bucket, "images/sub/b.txt", "B");
    SERVER.put(bucket, "images/sub/deeper/c.txt", "C");
    SERVER.put(bucket, "images/empty-marker/", "");
    SERVER.put(bucket, "images2/not-mine.txt", "no");
    SERVER.put(bucket, "other.txt", "no");

    List<InputItem> items = folders.resolve(folder(S3Server.credentials(), "photos", bucket, "images"),
        EchoModel.DESCRIPTOR);

    assertThat(items).extracting(InputItem::name)
        .containsExactly("photos/a.txt", "photos/sub/b.txt", "photos/sub/deeper/c.txt");
    assertThat(text(items.get(2).inputs().get("input.txt"))).isEqualTo("C");
    assertThat(items.get(1).inputs().get("input.txt").size()).isEqualTo(1);
  }

  @Test
  void a_folder_of_more_than_one_page_is_listed_whole() throws IOException {
    String bucket = SERVER.newBucket();
    List<String> keys = IntStream.range(0, 2_345).mapToObj(i -> "many/%05d.txt".formatted(i)).toList();
    SERVER.putAll(bucket, keys, key -> key);

    List<InputItem> items = folders.resolve(folder(S3Server.credentials(), "r", bucket, "many/"),
        EchoModel.DESCRIPTOR);

    assertThat(items).hasSize(2_345);
    assertThat(items.getLast().name()).isEqualTo("r/02344.txt");
    assertThat(text(items.get(1_500).inputs().get("input.txt"))).isEqualTo("many/01500.txt");
  }

  @Test
  void a_folder_over_the_object_limit_is_refused() {
    String bucket = SERVER.newBucket();
    SERVER.putAll(bucket, List.of("f/1", "f/2", "f/3"), key -> key);

    assertThatThrownBy(() -> new S3FolderInputSource(connections, 2).resolve(
        folder(S3Server.credentials(), "r", bucket, "f"), EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input: the folders of this job hold more than 2 objects, the most one job may read");
  }

  @Test
  void a_model_of_two_inputs_takes_one_folder_each_and_every_item_must_be_in_both() throws IOException {
    ModelDescriptor twoInputs = new ModelDescriptor(ModelRef.of("pair", "1.0.0"), "Pair", "two inputs",
        List.of(new ModelInput("image", List.of("*/*"), 1024), new ModelInput("mask", List.of("*/*"), 1024)),
        List.of(new ModelOutput("results.json", "application/json")), List.of(), List.of(), false, false,
        Pricing.of(1, 1), ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    String bucket = SERVER.newBucket();
    SERVER.putAll(bucket, List.of("img/1.png", "img/2.png", "msk/1.png", "msk/2.png"), key -> key);
    S3FolderInput pairs = new S3FolderInput(S3Server.credentials(), Map.of("set", Map.of(
        "image", new S3Location(bucket, "img"), "mask", new S3Location(bucket, "msk"))));

    List<InputItem> items = folders.resolve(pairs, twoInputs);

    assertThat(items).extracting(InputItem::name).containsExactly("set/1.png", "set/2.png");
    assertThat(text(items.get(1).inputs().get("mask"))).isEqualTo("msk/2.png");
    SERVER.putAll(bucket, List.of("img/3.png"), key -> key);
    assertThatThrownBy(() -> folders.resolve(pairs, twoInputs))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.set.mask: the folder has no object for item 'set/3.png', which the folders of "
            + "the other inputs have");
  }

  @Test
  void an_empty_folder_is_refused() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "elsewhere/a.txt", "A");

    assertThatThrownBy(() -> folders.resolve(folder(S3Server.credentials(), "r", bucket, "images"),
        EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.r.input.txt: folder s3://" + bucket + "/images/ holds no objects");
  }

  @Test
  void an_unknown_model_input_a_bad_bucket_name_or_region_are_refused_before_any_request() {
    S3Input unknownInput = new S3Input(S3Server.credentials(),
        Map.of("x", Map.of("image", new S3Location("bucket", "a.txt"))));
    S3Credentials badRegion = new S3Credentials(S3Server.ACCESS_KEY, Secret.of(S3Server.SECRET_KEY),
        "evil.example.com/");

    assertThatThrownBy(() -> objects.resolve(unknownInput, EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.x.image is not an input of model echo@1.0.0 (its inputs are [input.txt])");
    assertThatThrownBy(() -> objects.resolve(object(S3Server.credentials(), "x", "Bad_Bucket", "a"),
        EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.x.input.txt: 'Bad_Bucket' is not a valid S3 bucket name");
    assertThatThrownBy(() -> folders.resolve(folder(badRegion, "x", "bucket", "a"), EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.region 'evil.example.com/' is not an AWS region name (such as us-east-1)");
  }
}
