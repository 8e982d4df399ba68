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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
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
  void opened_together_small_objects_are_read_at_once_and_large_ones_are_left_to_stream() throws Exception {
    int together = 8;
    GatheringBlobStore gathering = new GatheringBlobStore(ContextBuilder.newBuilder("transient")
        .credentials("identity", "credential").build(BlobStoreContext.class).getBlobStore(), together);
    S3Server server = S3Server.start(gathering);
    try (S3Connections s3 = S3Connections.create(server.settings(), SECRET)) {
      String bucket = server.newBucket();
      S3Reader reader = S3Reader.of(s3, S3Server.credentials());
      List<String> small = IntStream.range(0, 20).mapToObj(i -> "small/%02d.txt".formatted(i)).toList();
      server.putAll(bucket, small, key -> "text of " + key);
      int large = (int) S3InputReferences.MAX_READ_AHEAD + 1;
      server.put(bucket, "large.bin", "application/octet-stream", new byte[large]);
      server.put(bucket, "grown.txt", "x".repeat(2_000));
      List<InputReference> references = new ArrayList<>();
      small.forEach(key -> references.add(S3InputReferences.reference(reader, bucket, key, 20, 1_024, "input.txt")));
      references.add(S3InputReferences.reference(reader, bucket, "large.bin", large, 1 << 20, "input.bin"));
      references.add(S3InputReferences.reference(reader, bucket, "grown.txt", 4, 1_024, "input.txt"));
      references.add(S3InputReferences.reference(reader, bucket, "gone.txt", 4, 1_024, "input.txt"));

      List<ByteSource> contents = s3.inputReferences().openAll(references);
      small.forEach(key -> server.admin().deleteObject(b -> b.bucket(bucket).key(key)));
      server.admin().deleteObject(b -> b.bucket(bucket).key("large.bin"));

      assertThat(gathering.cameTogether()).as("%s reads were in flight at once", together).isTrue();
      assertThat(contents).hasSize(references.size());
      for (int i = 0; i < small.size(); i++) {
        assertThat(read(contents.get(i))).as("read before its object was deleted").isEqualTo("text of " + small.get(i));
      }
      assertThatThrownBy(() -> contents.get(20).read()).as("streamed when opened, after its object was deleted")
          .hasMessage("reading s3://" + bucket + "/large.bin failed: no object s3://" + bucket + "/large.bin");
      assertThatThrownBy(() -> contents.get(21).read())
          .hasMessage("s3://" + bucket + "/grown.txt is over the maximum of 1024 bytes of model input 'input.txt'");
      assertThatThrownBy(() -> contents.get(22).read())
          .hasMessage("reading s3://" + bucket + "/gone.txt failed: no object s3://" + bucket + "/gone.txt");
    } finally {
      server.stop();
    }
  }

  @Test
  void the_reads_of_calls_opened_together_are_served_call_by_call_in_the_order_the_calls_came() throws Exception {
    GatedBlobStore gated = new GatedBlobStore(ContextBuilder.newBuilder("transient")
        .credentials("identity", "credential").build(BlobStoreContext.class).getBlobStore());
    S3Server server = S3Server.start(gated);
    try (S3Connections s3 = S3Connections.create(server.settings().withMaxConnections(2), SECRET)) {
      String bucket = server.newBucket();
      S3Reader reader = S3Reader.of(s3, S3Server.credentials());
      // why: more objects than a call reads at once, so some of the first call's reads come to wait for a
      // connection only after the second call's reads do.
      int firstCount = S3InputReferences.READ_TOGETHER + 2;
      List<String> first = IntStream.range(0, firstCount).mapToObj(i -> "first/%02d".formatted(i)).toList();
      List<String> second = List.of("second/0", "second/1");
      server.putAll(bucket, first, key -> key);
      server.putAll(bucket, second, key -> key);
      S3InputReferences references = new S3InputReferences(s3);
      Thread firstCall = Thread.ofVirtual().start(() -> references.openAll(first.stream()
          .map(key -> S3InputReferences.reference(reader, bucket, key, 8, 1_024, "input.txt")).toList()));
      // why: two of the first call's reads hold both connections; the rest of its first 16 wait for a connection.
      gated.awaitEntered(2);
      awaitWaitingReads(references, S3InputReferences.READ_TOGETHER - 2);
      Thread secondCall = Thread.ofVirtual().start(() -> references.openAll(second.stream()
          .map(key -> S3InputReferences.reference(reader, bucket, key, 8, 1_024, "input.txt")).toList()));
      awaitWaitingReads(references, S3InputReferences.READ_TOGETHER);

      // why: one read at a time, so each freed connection shows whose read took it.
      for (int entered = 3; entered <= firstCount + 1; entered++) {
        gated.open(1);
        gated.awaitEntered(entered);
      }
      gated.open(firstCount);
      firstCall.join();
      secondCall.join();

      assertThat(gated.entered().subList(0, firstCount)).containsExactlyInAnyOrderElementsOf(first);
      assertThat(gated.entered().subList(firstCount, firstCount + 2)).containsExactlyInAnyOrderElementsOf(second);
    } finally {
      server.stop();
    }
  }

  private static void awaitWaitingReads(S3InputReferences references, int count) throws InterruptedException {
    while (references.waitingReads() < count) {
      Thread.sleep(1);
    }
  }

  /** A blob store whose reads each wait for a permit of the test's gate, in the order they came to it. */
  private static final class GatedBlobStore extends ForwardingBlobStore {
    private final Semaphore gate = new Semaphore(0);
    private final List<String> entered = new ArrayList<>();

    GatedBlobStore(BlobStore store) {
      super(store);
    }

    @Override
    public Blob getBlob(String container, String name, GetOptions options) {
      synchronized (entered) {
        entered.add(name);
        entered.notifyAll();
      }
      gate.acquireUninterruptibly();
      return super.getBlob(container, name, options);
    }

    void open(int reads) {
      gate.release(reads);
    }

    void awaitEntered(int count) throws InterruptedException {
      synchronized (entered) {
        while (entered.size() < count) {
          entered.wait();
        }
      }
    }

    List<String> entered() {
      synchronized (entered) {
        return List.copyOf(entered);
      }
    }
  }

  /** A blob store whose first {@code together} reads wait, up to 5 s, until that many are in flight at once. */
  private static final class GatheringBlobStore extends ForwardingBlobStore {
    private final CountDownLatch gathering;
    private volatile boolean cameTogether;

    GatheringBlobStore(BlobStore store, int together) {
      super(store);
      this.gathering = new CountDownLatch(together);
    }

    @Override
    public Blob getBlob(String container, String name, GetOptions options) {
      if (gathering.getCount() > 0) {
        gathering.countDown();
        try {
          cameTogether = gathering.await(5, TimeUnit.SECONDS) || cameTogether;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return super.getBlob(container, name, options);
    }

    boolean cameTogether() {
      return cameTogether;
    }
  }

  @Test
  void the_references_opened_together_share_one_reader_of_their_credentials_unsealed_once() throws IOException {
    String bucket = SERVER.newBucket();
    S3Reader reader = S3Reader.of(submitting, S3Server.credentials());
    // why: listed larger than what is read ahead, so openAll leaves them as contents to stream, readers and all.
    long large = S3InputReferences.MAX_READ_AHEAD + 1;
    List<InputReference> references = IntStream.range(0, 3).mapToObj(i -> S3InputReferences.reference(reader,
        bucket, "k" + i, large, large, "input.txt")).toList();
    InputReference otherRequest = S3InputReferences.reference(S3Reader.of(submitting, S3Server.credentials()),
        bucket, "other", large, large, "input.txt");
    List<InputReference> all = new ArrayList<>(references);
    all.add(otherRequest);

    List<ByteSource> contents = running.inputReferences().openAll(all);

    assertThat(contents).allSatisfy(content -> assertThat(content).isInstanceOf(S3ObjectContent.class));
    S3Reader shared = ((S3ObjectContent) contents.get(0)).reader();
    assertThat(contents.subList(0, 3)).allSatisfy(content ->
        assertThat(((S3ObjectContent) content).reader()).isSameAs(shared));
    // why: the same credentials sealed by another submit (another nonce) are opened on their own, and still work.
    assertThat(((S3ObjectContent) contents.get(3)).reader()).isNotSameAs(shared);
    SERVER.put(bucket, "other", "read through its own reader");
    assertThat(read(contents.get(3))).isEqualTo("read through its own reader");
  }

  @Test
  void a_secret_shorter_than_32_bytes_is_refused() {
    assertThatThrownBy(() -> S3Connections.create(SERVER.settings(), new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the secret must have at least 32 bytes but has 31");
  }
}
