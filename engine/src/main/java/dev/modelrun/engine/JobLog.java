package dev.modelrun.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.modelrun.core.model.Job;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per job transition (submitted, started, finished) on the logger {@code modelrun.jobs}: the job, the
 * caller's key prefix, the model, the status, the counters, billing and the times so far. Never an input, an output
 * or a secret: a job's name is the caller's own text, so it is left out too.
 */
final class JobLog implements JobListener {
  static final Logger LOG = LoggerFactory.getLogger("modelrun.jobs");
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public void submitted(Job job) {
    log("submitted", job);
  }

  @Override
  public void started(Job job) {
    log("started", job);
  }

  @Override
  public void finished(Job job) {
    log("finished", job);
  }

  private static void log(String event, Job job) {
    if (LOG.isInfoEnabled()) {
      LOG.info(line(event, job));
    }
  }

  static String line(String event, Job job) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("event", "job." + event);
      json.writeStringField("job", job.id().toString());
      json.writeStringField("keyPrefix", job.owner().keyPrefix());
      json.writeStringField("model", job.model().toString());
      json.writeStringField("type", job.type().name());
      json.writeStringField("status", job.status().name());
      json.writeNumberField("items", job.counters().total());
      json.writeNumberField("completed", job.counters().completed());
      json.writeNumberField("failed", job.counters().failed());
      json.writeNumberField("records", job.billing().recordCount());
      json.writeNumberField("billedUnits", job.billing().billedUsage());
      Optional<Instant> submitted = job.submitted();
      Optional<Instant> started = job.started();
      if (submitted.isPresent() && started.isPresent()) {
        json.writeNumberField("queueMs", Duration.between(submitted.get(), started.get()).toMillis());
      }
      Optional<Instant> finished = job.finished();
      if (submitted.isPresent() && finished.isPresent()) {
        json.writeNumberField("elapsedMs", Duration.between(submitted.get(), finished.get()).toMillis());
      }
      if (!job.errorMessage().isEmpty()) {
        json.writeStringField("error", job.errorMessage());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
