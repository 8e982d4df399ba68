package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.out.FileStore;
import dev.modelrun.engine.testkit.RecordsTestModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Result links of a file store that links to its files itself (as S3 does with presigned URLs). */
class DirectResultLinkTest {
  private final LinkingFileStore files = new LinkingFileStore();
  private final RecordsTestModel model = new RecordsTestModel(2);
  private final ModelRunEngine engine = ModelRunEngine.builder().model(model).fileStore(files).recordsPerWorkUnit(2)
      .resultLinkValidity(Duration.ofMinutes(20)).workers(2).build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void the_link_is_the_stores_to_the_whole_output_joined_once_from_its_parts() throws Exception {
    JobId id = submit("id,name,ok,score\n1,a,true,1\n2,b,false,2\n3,c,true,3\n");
    assertThat(engine.await(id, WAIT).counters().total()).as("batches, each its own part").isEqualTo(2);

    URI link = engine.resultLink(ALICE, id);
    URI again = engine.resultLink(ALICE, id);

    assertThat(link).hasToString("https://files.example.com/" + id + "/output?as=scores-results.csv&type="
        + URLEncoder.encode("text/csv; header=present", UTF_8) + "&seconds=1200");
    assertThat(again).isEqualTo(link);
    assertThat(files.open(id, "output").orElseThrow().asCharSource(UTF_8).read())
        .isEqualTo("id,label,flipped,double\n1,a!,false,2\n2,b!,true,4\n3,c!,false,6\n");
    assertThat(files.outputsWritten).hasValue(1);
  }

  @Test
  void an_unfinished_job_gets_no_link_and_nothing_is_joined() throws Exception {
    model.blocking();
    JobId id = submit("id,name,ok,score\n1,a,true,1\n");
    assertThat(model.awaitStarted()).isTrue();

    assertThatThrownBy(() -> engine.resultLink(ALICE, id)).isInstanceOf(ConflictException.class);
    assertThat(files.outputsWritten).hasValue(0);
    model.release();
  }

  private JobId submit(String csv) {
    return engine.submit(SubmitJobCommand.of(ALICE, new JobRequest(RecordsTestModel.DESCRIPTOR.ref(),
        JobSpec.defaults(), new UploadedFileInput("scores.csv", RecordFormat.CSV_WITH_HEADER,
            ByteSource.wrap(csv.getBytes(UTF_8)), List.of(), List.of())))).job().job().id();
  }

  /** Files in memory, with links that name what the link was asked for; counts the whole outputs written. */
  private static final class LinkingFileStore implements FileStore {
    private final InMemoryFileStore files = new InMemoryFileStore();
    final AtomicInteger outputsWritten = new AtomicInteger();

    @Override
    public OutputStream create(JobId job, String name) throws IOException {
      if (name.equals("output")) {
        outputsWritten.incrementAndGet();
      }
      return files.create(job, name);
    }

    @Override
    public Optional<ByteSource> open(JobId job, String name) {
      return files.open(job, name);
    }

    @Override
    public void delete(JobId job, String name) {
      files.delete(job, name);
    }

    @Override
    public void deleteAll(JobId job) {
      files.deleteAll(job);
    }

    @Override
    public Optional<URI> directLink(JobId job, String name, String fileName, String mediaType, Duration validity) {
      return Optional.of(URI.create("https://files.example.com/" + job + "/" + name + "?as=" + fileName + "&type="
          + URLEncoder.encode(mediaType, UTF_8) + "&seconds=" + validity.toSeconds()));
    }
  }
}
