package dev.modelrun.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.ByteSource;
import com.google.common.primitives.Bytes;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InputReference;
import dev.modelrun.core.model.ReferencedContent;
import dev.modelrun.core.model.S3FolderInput;
import dev.modelrun.core.model.S3Input;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.port.out.InputReferences;
import dev.modelrun.engine.testkit.EchoModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** S3 items written down as references, as a durable input store keeps them, and opened again on another node. */
class S3InputReferencesIT {
  private static final S3Server SERVER = S3Server.shared();
  private static final byte[] SECRET = "a server secret of at least 32 bytes, shared".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER_SECRET = "another server's secret, also 32 bytes long".getBytes(
      StandardCharsets.UTF_8);
  private static S3Connections submitting;
  private static S3Connections running;
  private static S3Connections stranger;

  @BeforeAll
  static void connect() {
    submitting = S3Connections.create(SERVER.settings(), SECRET);
    running = S3Connections.create(SERVER.settings(), SECRET);
    stranger = S3Connections.create(SERVER.settings(), OTHER_SECRET);
  }

  @AfterAll
  static void disconnect() {
    submitting.close();
    running.close();
    stranger.close();
  }

  private static InputReference referenceOf(InputData data) {
    assertThat(data.content()).isInstanceOf(ReferencedContent.class);
    return ((ReferencedContent) data.content()).reference();
  }

  private static InputReference objectReference(String bucket, String key) {
    S3Input input = new S3Input(S3Server.credentials(), Map.of("item", Map.of("input.txt",
        new S3Location(bucket, key))));
    return referenceOf(new S3ObjectInputSource(submitting).resolve(input, EchoModel.DESCRIPTOR).getFirst().inputs()
        .get("input.txt"));
  }

  private static String read(ByteSource content) throws IOException {
    return content.asCharSource(StandardCharsets.UTF_8).read();
  }

  @Test
  void a_reference_holds_neither_the_secret_key_nor_the_access_key_id_in_clear() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.txt", "I love it");

    InputReference reference = objectReference(bucket, "a.txt");

    assertThat(reference.kind()).isEqualTo("aws-s3");
    byte[] sealed = reference.sealed();
    assertThat(Bytes.indexOf(sealed, S3Server.SECRET_KEY.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(Bytes.indexOf(sealed, S3Server.ACCESS_KEY.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(reference.toString()).doesNotContain(S3Server.SECRET_KEY).doesNotContain(S3Server.ACCESS_KEY);
  }

  @Test
  void a_node_with_the_same_secret_reads_the_object_a_reference_names() throws IOException {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.txt", "I love it");
    InputReference reference = objectReference(bucket, "a.txt");
    InputReferences references = running.inputReferences();

    assertThat(references.kind()).isEqualTo(reference.kind());
    assertThat(read(references.open(reference))).isEqualTo("I love it");
  }

  @Test
  void the_items_of_a_folder_are_references_too_and_the_size_limit_holds_after_reopening() throws IOException {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "in/a.txt", "first");
    SERVER.put(bucket, "in/b.txt", "second");
    S3FolderInput input = new S3FolderInput(S3Server.credentials(), Map.of("r", Map.of("input.txt",
        new S3Location(bucket, "in/"))));
    List<InputItem> items = new S3FolderInputSource(submitting).resolve(input, EchoModel.DESCRIPTOR);
    InputReference first = referenceOf(items.get(0).inputs().get("input.txt"));
    InputReference second = referenceOf(items.get(1).inputs().get("input.txt"));
    SERVER.put(bucket, "in/b.txt", "x".repeat(EchoModel.MAX_SIZE + 1));

    assertThat(read(running.inputReferences().open(first))).isEqualTo("first");
    assertThatThrownBy(() -> running.inputReferences().open(second).read())
        .isInstanceOf(IOException.class)
        .hasMessage("s3://" + bucket + "/in/b.txt is over the maximum of " + EchoModel.MAX_SIZE
            + " bytes of model input 'input.txt'");
  }

  @Test
  void a_node_with_another_secret_cannot_open_a_reference_and_says_so_when_it_is_read() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.txt", "I love it");
    InputReference reference = objectReference(bucket, "a.txt");

    ByteSource content = stranger.inputReferences().open(reference);

    assertThatThrownBy(content::read)
        .isInstanceOf(IOException.class)
        .hasMessage("cannot read s3://" + bucket + "/a.txt: the sealed S3 credentials do not open with this "
            + "server's key: they were sealed by a server with another secret, or altered");
  }

  @Test
  void an_altered_reference_a_cut_one_or_one_of_another_kind_fails_when_read() {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.txt", "I love it");
    byte[] sealed = objectReference(bucket, "a.txt").sealed();
    byte[] altered = sealed.clone();
    altered[20] ^= 1;
    InputReferences references = running.inputReferences();

    assertThatThrownBy(() -> references.open(new InputReference("aws-s3", altered)).read())
        .hasMessageContaining("do not open with this server's key");
    assertThatThrownBy(() -> references.open(new InputReference("aws-s3", Arrays.copyOf(sealed, 30)))
        .read()).hasMessage("the stored reference to an S3 object is cut short");
    assertThatThrownBy(() -> references.open(new InputReference("gcs", sealed)).read())
        .hasMessage("an input reference of kind 'gcs' is not an S3 object");
  }

  @Test
  void connections_without_a_secret_open_their_own_references_only() throws IOException {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.txt", "I love it");
    try (S3Connections mine = S3Connections.create(SERVER.settings());
        S3Connections afterRestart = S3Connections.create(SERVER.settings())) {
      S3Input input = new S3Input(S3Server.credentials(), Map.of("item", Map.of("input.txt",
          new S3Location(bucket, "a.txt"))));
      InputReference reference = referenceOf(new S3ObjectInputSource(mine).resolve(input, EchoModel.DESCRIPTOR)
          .getFirst().inputs().get("input.txt"));

      assertThat(read(mine.inputReferences().open(reference))).isEqualTo("I love it");
      assertThatThrownBy(() -> afterRestart.inputReferences().open(reference).read())
          .hasMessageContaining("sealed by a server with another secret");
    }
  }

  @Test
  void a_secret_shorter_than_32_bytes_is_refused() {
    assertThatThrownBy(() -> S3Connections.create(SERVER.settings(), new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the secret must have at least 32 bytes but has 31");
  }
}
