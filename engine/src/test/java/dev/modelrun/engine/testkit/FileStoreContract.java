package dev.modelrun.engine.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.FileStore;
import java.io.OutputStream;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every file store must do; a store's test extends this and says how to make an empty store. */
public abstract class FileStoreContract {
  protected FileStore store;
  private final JobId job = JobId.of(UUID.randomUUID());
  private final JobId other = JobId.of(UUID.randomUUID());

  protected abstract FileStore newStore();

  @BeforeEach
  void emptyStore() {
    store = newStore();
  }

  @Test
  void a_file_shows_only_once_its_stream_is_closed_and_then_replaces_the_earlier_one() throws Exception {
    write(job, "part-0", "first");
    OutputStream second = store.create(job, "part-0");
    second.write("second".getBytes(UTF_8));
    assertThat(read(job, "part-0")).isEqualTo("first");
    second.close();
    second.close();

    assertThat(read(job, "part-0")).isEqualTo("second");
    assertThat(store.open(job, "part-1")).isEmpty();
    assertThat(store.open(other, "part-0")).isEmpty();
  }

  @Test
  void a_new_file_shows_nothing_until_closed() throws Exception {
    OutputStream out = store.create(job, "records");
    out.write(1);
    assertThat(store.open(job, "records")).isEmpty();
    out.close();
    assertThat(store.open(job, "records").orElseThrow().size()).isEqualTo(1);
  }

  @Test
  void deletes_one_file_or_all_of_a_job_and_leaves_other_jobs_alone() throws Exception {
    write(job, "records", "r");
    write(job, "plan", "p");
    write(other, "plan", "o");

    store.delete(job, "records");
    store.delete(job, "records");
    assertThat(store.open(job, "records")).isEmpty();
    assertThat(read(job, "plan")).isEqualTo("p");
    store.deleteAll(job);
    store.deleteAll(job);
    assertThat(store.open(job, "plan")).isEmpty();
    assertThat(read(other, "plan")).isEqualTo("o");
  }

  private void write(JobId owner, String name, String text) throws Exception {
    try (OutputStream out = store.create(owner, name)) {
      out.write(text.getBytes(UTF_8));
    }
  }

  private String read(JobId owner, String name) throws Exception {
    return store.open(owner, name).orElseThrow().asCharSource(UTF_8).read();
  }
}
