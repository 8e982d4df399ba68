package dev.modelrun.engine;

import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.port.out.TabularModel;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Runs one batch of a structured job: reads its records, calls the model on them (in calls of at most the model's
 * batch size) and writes their outputs, under the output mapping's columns, as the batch's part of the output
 * file. Running a batch again
 * writes the same part again.
 */
final class BatchRunner {
  private final JobFiles files;

  BatchRunner(JobFiles files) {
    this.files = files;
  }

  /**
   * @return the nanoseconds the model calls took
   * @throws Exception what the model threw, or why its answer or the files failed; the message names the rows
   */
  long run(TabularModel model, ModelDescriptor descriptor, JobId job, RecordBatch batch) throws Exception {
    StructuredPlan plan = files.plan(job);
    byte[] bytes = files.store().open(job, JobFiles.RECORDS)
        .orElseThrow(() -> new IllegalStateException("the records of job " + job + " are no longer available"))
        .slice(batch.offset(), batch.length()).read();
    RecordSpool.Reader records = new RecordSpool.Reader(bytes, descriptor.fields());
    int callSize = Math.max(1, model.batchSize());
    OutputCodec codec = OutputCodec.of(plan.format(), descriptor, plan.outputMapping());
    // why: each call's outputs are written as they come (a unit's records are never all objects at once); the part
    // is stored only once every call succeeded, as one write.
    ByteArrayOutputStream written = new ByteArrayOutputStream(Math.max(32, bytes.length));
    long latency = 0;
    try (OutputCodec.PartWriter part = codec.part(written)) {
      for (int from = 0; from < batch.count(); from += callSize) {
        List<Map<String, Object>> call = records.next(Math.min(callSize, batch.count() - from));
        long began = System.nanoTime();
        List<Map<String, Object>> answer = model.run(call);
        latency += System.nanoTime() - began;
        if (answer == null || answer.size() != call.size()) {
          throw new IllegalStateException("the model gave " + (answer == null ? "no" : answer.size())
              + " output records for " + call.size() + " input records");
        }
        part.write(answer);
      }
    }
    try (OutputStream out = files.store().create(job, batch.partName())) {
      written.writeTo(out);
    }
    return latency;
  }
}
