package dev.modelrun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.FileStore;
import dev.modelrun.engine.testkit.FileStoreContract;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFileStoreTest extends FileStoreContract {
  @TempDir
  Path dir;

  @Override
  protected FileStore newStore() {
    return new DirectoryFileStore(dir);
  }

  @Test
  void keeps_a_folder_per_job_and_removes_it_with_the_job() throws Exception {
    JobId job = JobId.of(UUID.randomUUID());
    try (OutputStream out = store.create(job, "plan")) {
      out.write(1);
    }
    assertThat(dir.resolve(job.value()).resolve("plan")).exists();
    store.deleteAll(job);
    assertThat(dir.resolve(job.value())).doesNotExist();
  }

  @Test
  void refuses_names_that_could_leave_its_directory() {
    JobId job = JobId.of(UUID.randomUUID());
    assertThatThrownBy(() -> store.create(job, "../escape")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.open(job, "a/b")).isInstanceOf(IllegalArgumentException.class);
  }
}
