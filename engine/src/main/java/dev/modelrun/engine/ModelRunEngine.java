package dev.modelrun.engine;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.in.AwaitJobUseCase;
import dev.modelrun.core.port.in.CancelJobUseCase;
import dev.modelrun.core.port.in.ChunkedJobUseCase;
import dev.modelrun.core.port.in.DownloadOutputUseCase;
import dev.modelrun.core.port.in.GetJobUseCase;
import dev.modelrun.core.port.in.JobHistoryUseCase;
import dev.modelrun.core.port.in.JobPage;
import dev.modelrun.core.port.in.JobResults;
import dev.modelrun.core.port.in.JobResultsUseCase;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.core.port.in.ModelCatalogUseCase;
import dev.modelrun.core.port.in.ModelSummary;
import dev.modelrun.core.port.in.OutputFile;
import dev.modelrun.core.port.in.ReadinessUseCase;
import dev.modelrun.core.port.in.RenameJobUseCase;
import dev.modelrun.core.port.in.ResultLinkUseCase;
import dev.modelrun.core.port.in.Submission;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.in.SubmitJobUseCase;
import dev.modelrun.core.port.out.FileStore;
import dev.modelrun.core.port.out.IdGenerator;
import dev.modelrun.core.port.out.InputSource;
import dev.modelrun.core.port.out.InputStore;
import dev.modelrun.core.port.out.JobStore;
import dev.modelrun.core.port.out.Model;
import dev.modelrun.core.port.out.ResultStore;
import dev.modelrun.core.port.out.WorkQueue;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * The embeddable engine: every use case of ModelRun over pluggable stores (in memory by default), running jobs on
 * virtual threads. Build one with {@link #builder()}, use it through its use-case interfaces, and {@link #close()} it
 * to stop: running model calls are interrupted and their items handed back, so the stores stay consistent.
 *
 * <pre>{@code
 * try (ModelRunEngine engine = ModelRunEngine.builder().model(new MyModel()).workers(8).build()) {
 *   JobId id = engine.submit(SubmitJobCommand.of(caller, request)).job().job().id();
 *   Job done = engine.await(id, Duration.ofMinutes(1));
 *   JobResults results = engine.results(caller, id);
 * }
 * }</pre>
 *
 * <p>A tabular model runs over an uploaded file ({@code UploadedFileInput}: CSV, JSON array or NDJSON): submit
 * reads it once as a stream, maps and checks every record and fixes billing; the records then run in units of
 * work of whole model calls, and the output file, in the input's format and order, is downloaded through a signed
 * {@link #resultLink result link} ({@link #download}).
 *
 * <p>Work is claimed in batches sized to a few milliseconds of the model's work, highest priority first and jobs of
 * one priority in turn; each model runs at most its concurrency limit of calls at once. A job's deadline ({@code
 * timeout} after submission) is kept by a timer and by a periodic sweep, which also renews and recovers leases and
 * deletes inputs {@code hoursDeleteInput} hours after their job ended.
 */
public final class ModelRunEngine implements SubmitJobUseCase, GetJobUseCase, JobHistoryUseCase, CancelJobUseCase,
    RenameJobUseCase, JobResultsUseCase, ResultLinkUseCase, DownloadOutputUseCase, ModelCatalogUseCase,
    ChunkedJobUseCase, AwaitJobUseCase, ReadinessUseCase, AutoCloseable {
  /** The most items one job may have unless the builder says otherwise. */
  public static final int DEFAULT_MAX_ITEMS_PER_JOB = 100_000;

  private final EngineParts parts;
  private final JobLifecycle lifecycle;
  private final SubmitJobService submit;
  private final GetJobService getJob;
  private final JobHistoryService history;
  private final CancelJobService cancel;
  private final RenameJobService rename;
  private final JobResultsService results;
  private final OutputLinkService outputs;
  private final ModelCatalogService catalog;
  private final ChunkedJobService chunked;
  private final NodeReadiness readiness;
  private final Duration closeWait;

  private ModelRunEngine(Builder builder) {
    ModelRegistry models = new ModelRegistry(builder.models, builder.limits, builder.workers);
    List<JobListener> listeners = new ArrayList<>(List.of(new JobLog(), builder.listener));
    WorkQueue queue = builder.workQueue;
    if (builder.meters != null) {
      EngineMetrics metrics = new EngineMetrics(builder.meters, builder.workQueue, builder.clock, builder.workers);
      listeners.add(metrics);
      queue = metrics.timed(builder.workQueue);
    }
    JobEvents events = new JobEvents(listeners);
    this.parts = new EngineParts(builder.jobStore, queue, builder.resultStore, builder.inputStore,
        models, builder.clock, events, new JobViews(builder.jobStore, builder.clock), builder.maxItemsPerJob,
        new JobFiles(builder.fileStore));
    this.lifecycle = new JobLifecycle(parts, builder.nodeId, builder.lease, builder.maintenanceInterval,
        builder.workers);
    Admission admission = new Admission(queue, builder.maxQueuedItems);
    this.submit = new SubmitJobService(parts, new SubmittedItems(builder.sources), builder.ids, lifecycle,
        admission, builder.recordsPerUnit);
    this.getJob = new GetJobService(parts);
    this.history = new JobHistoryService(parts);
    this.cancel = new CancelJobService(parts, lifecycle);
    this.rename = new RenameJobService(parts);
    this.results = new JobResultsService(parts);
    this.outputs = new OutputLinkService(parts, new LinkSigner(builder.linkSecret), builder.publicBaseUrl,
        builder.linkValidity);
    this.catalog = new ModelCatalogService(models);
    this.chunked = new ChunkedJobService(parts, builder.ids, lifecycle, admission);
    this.readiness = new NodeReadiness(parts, lifecycle, builder.nodeId);
    this.closeWait = builder.closeWait;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Submission submit(SubmitJobCommand command) {
    return submit.submit(command);
  }

  @Override
  public JobView get(CallerIdentity caller, JobId id) {
    return getJob.get(caller, id);
  }

  @Override
  public JobPage history(CallerIdentity caller, JobQuery query) {
    return history.history(caller, query);
  }

  @Override
  public JobView cancel(CallerIdentity caller, JobId id) {
    return cancel.cancel(caller, id);
  }

  @Override
  public JobView rename(CallerIdentity caller, JobId id, String name) {
    return rename.rename(caller, id, name);
  }

  @Override
  public JobResults results(CallerIdentity caller, JobId id) {
    return results.results(caller, id);
  }

  @Override
  public ItemResult itemResult(CallerIdentity caller, JobId id, String item) {
    return results.itemResult(caller, id, item);
  }

  @Override
  public URI resultLink(CallerIdentity caller, JobId id) {
    return outputs.resultLink(caller, id);
  }

  @Override
  public OutputFile download(JobId id, long expires, String signature) {
    return outputs.download(id, expires, signature);
  }

  @Override
  public List<ModelSummary> models() {
    return catalog.models();
  }

  @Override
  public ModelSummary model(String identifier) {
    return catalog.model(identifier);
  }

  @Override
  public ModelDescriptor descriptor(String identifier, String version) {
    return catalog.descriptor(identifier, version);
  }

  @Override
  public JobView open(CallerIdentity caller, ModelRef model, JobSpec spec) {
    return chunked.open(caller, model, spec);
  }

  @Override
  public void appendChunk(CallerIdentity caller, JobId id, String item, String input, byte[] chunk) {
    chunked.appendChunk(caller, id, item, input, chunk);
  }

  @Override
  public JobView close(CallerIdentity caller, JobId id) {
    return chunked.close(caller, id);
  }

  @Override
  public JobView await(CallerIdentity caller, JobId id, Duration timeout) throws InterruptedException {
    return getJob.await(caller, id, timeout);
  }

  /**
   * Waits for a job to end, up to {@code timeout}, whoever owns it (an embedder's convenience: no owner check).
   *
   * @return the job as it stands then: terminal, unless the wait ran out
   * @throws JobNotFoundException when no such job exists
   */
  public Job await(JobId id, Duration timeout) throws InterruptedException {
    return getJob.await(id, timeout);
  }

  /** The most items one job may have (a submit's items, or a chunked job's). */
  public int maxItemsPerJob() {
    return parts.maxItemsPerJob();
  }

  /**
   * Runs the periodic sweeps now, by the engine's clock: renews this node's leases and recovers expired ones, times
   * out jobs past their deadline, deletes inputs past their retention. They also run when the engine starts (the
   * first run also takes back the work a killed process of this node left, see {@link Builder#nodeId}) and every
   * maintenance interval; with a clock that tests move by hand, call this after moving it.
   */
  public void runMaintenance() {
    lifecycle.runMaintenance();
  }

  /**
   * Whether this node can work now: the job store answers, the result store takes a write, and the workers run.
   * Checked at most once a second; a check that hangs is a check that failed for whoever asks meanwhile.
   */
  @Override
  public Readiness readiness() {
    return readiness.check();
  }

  /** How many job deadline timers are armed (for tests: none may outlive its job). */
  int armedDeadlines() {
    return lifecycle.armedDeadlines();
  }

  /**
   * Tells the engine that work may have been queued elsewhere (another node on a shared store), so idle workers look
   * now instead of at their next poll. Cheap and safe to call at any time, from any thread.
   */
  public void workArrived() {
    lifecycle.workArrived();
  }

  /**
   * Stops the engine: no new jobs, running model calls interrupted and their items handed back to the queue (done
   * items are kept), threads joined. Jobs stay as they are in the stores, to be run by the next engine.
   */
  @Override
  public void close() {
    lifecycle.close(closeWait);
  }

  /** Builds an engine; every setting has a default (in-memory stores, system UTC clock, random UUID job ids). */
  public static final class Builder {
    private final List<Model> models = new ArrayList<>();
    private final Map<ModelRef, Integer> limits = new LinkedHashMap<>();
    private final Map<Class<?>, InputSource<?>> sources = new LinkedHashMap<>();
    private JobStore jobStore;
    private WorkQueue workQueue;
    private ResultStore resultStore;
    private InputStore inputStore;
    private FileStore fileStore;
    private byte[] linkSecret;
    private URI publicBaseUrl = URI.create("http://localhost:8080");
    private Duration linkValidity = Duration.ofMinutes(15);
    private int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meters;
    private IdGenerator ids = () -> JobId.of(UUID.randomUUID());
    private JobListener listener = new JobListener() {};
    private String nodeId = "node-" + UUID.randomUUID();
    private Duration lease = Duration.ofMinutes(1);
    private Duration maintenanceInterval = Duration.ofSeconds(1);
    private Duration closeWait = Duration.ofSeconds(30);
    private int maxItemsPerJob = DEFAULT_MAX_ITEMS_PER_JOB;
    private long maxQueuedItems = Long.MAX_VALUE;
    // why: each unit costs a claim, a result save, a completion and a part file; on the H2 file store those were
    // most of the run's CPU with units of 4,096 records, and still 40% of the workers' samples with 16,384.
    // A unit's records are run one model call at a time, so its size costs only its spooled bytes and output text
    // (a few MB) per worker.
    private int recordsPerUnit = 65_536;

    private Builder() {}

    /** Registers a model; its concurrent calls are bounded by the worker count. */
    public Builder model(Model model) {
      models.add(requireNonNull(model, "model"));
      return this;
    }

    /** Registers a model with at most {@code maxConcurrentCalls} calls running at once. */
    public Builder model(Model model, int maxConcurrentCalls) {
      checkArgument(maxConcurrentCalls > 0, "maxConcurrentCalls must be > 0 but was %s", maxConcurrentCalls);
      model(model);
      limits.put(model.descriptor().ref(), maxConcurrentCalls);
      return this;
    }

    /** Registers every {@link Model} that {@link ServiceLoader} finds on the class path. */
    public Builder discoverModels() {
      ServiceLoader.load(Model.class).forEach(this::model);
      return this;
    }

    /** The store of jobs and of their work (one object: a claim or a completion moves both at once). */
    public <S extends JobStore & WorkQueue> Builder jobStore(S store) {
      this.jobStore = requireNonNull(store, "store");
      this.workQueue = store;
      return this;
    }

    public Builder resultStore(ResultStore store) {
      this.resultStore = requireNonNull(store, "store");
      return this;
    }

    public Builder inputStore(InputStore store) {
      this.inputStore = requireNonNull(store, "store");
      return this;
    }

    /**
     * Where structured jobs keep their records and output files; in memory by default (give a {@link
     * DirectoryFileStore} for files of any size).
     */
    public Builder fileStore(FileStore store) {
      this.fileStore = requireNonNull(store, "store");
      return this;
    }

    /**
     * How result links are made: {@code publicBaseUrl} is where this server's {@code /downloads/{job}} route is
     * reached, {@code secret} (at least 32 bytes) signs the links. Without a secret the engine makes a random one,
     * so its links die with it.
     */
    public Builder resultLinks(URI publicBaseUrl, byte[] secret) {
      this.publicBaseUrl = requireNonNull(publicBaseUrl, "publicBaseUrl");
      checkArgument(secret.length >= LinkSigner.MIN_SECRET_BYTES, "the link secret must have at least %s bytes",
          LinkSigner.MIN_SECRET_BYTES);
      this.linkSecret = secret.clone();
      return this;
    }

    /** How long a result link stays valid; 15 minutes by default. */
    public Builder resultLinkValidity(Duration validity) {
      checkArgument(validity.isPositive(), "the result link validity must be positive");
      this.linkValidity = validity;
      return this;
    }

    /** Adds the source of one input type ({@code aws-s3}, {@code jdbc}, ...); a later one for a type replaces it. */
    public Builder inputSource(InputSource<?> source) {
      sources.put(requireNonNull(source, "source").inputType(), source);
      return this;
    }

    /** How many items run at once in all (virtual threads); at least 1. */
    public Builder workers(int n) {
      checkArgument(n > 0, "workers must be > 0 but was %s", n);
      this.workers = n;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    public Builder idGenerator(IdGenerator ids) {
      this.ids = requireNonNull(ids, "ids");
      return this;
    }

    public Builder listener(JobListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Names this engine as the owner of its leases; unique among the running nodes sharing a store (default {@code
     * node-<random>}). An engine started under the name of a node whose process was killed takes back, at start, the
     * items that process left running, without waiting for their leases to expire. Two running nodes must never share
     * a name: the later would take the earlier's running items (they would run twice; results and counters stay
     * right, because a completion counts only under a lease still held).
     */
    public Builder nodeId(String nodeId) {
      checkArgument(!nodeId.isBlank(), "nodeId must not be blank");
      this.nodeId = nodeId;
      return this;
    }

    /** How long a claim holds its items before another node may take them back (renewed while they run). */
    public Builder lease(Duration lease) {
      checkArgument(lease.isPositive(), "lease must be positive");
      this.lease = lease;
      return this;
    }

    /** How often the sweeps run (lease renewal and recovery, overdue jobs, input retention). */
    public Builder maintenanceInterval(Duration interval) {
      checkArgument(interval.isPositive(), "maintenanceInterval must be positive");
      this.maintenanceInterval = interval;
      return this;
    }

    /** How long {@link ModelRunEngine#close()} waits for running model calls to stop. */
    public Builder closeWait(Duration wait) {
      checkArgument(!wait.isNegative(), "closeWait must not be negative");
      this.closeWait = wait;
      return this;
    }

    /** The most items one job may have. */
    public Builder maxItemsPerJob(int max) {
      checkArgument(max > 0, "maxItemsPerJob must be > 0 but was %s", max);
      this.maxItemsPerJob = max;
      return this;
    }

    /**
     * Where the engine's meters go (jobs, items, model latency, the queue's backlog, store claims); none by default.
     * Job transitions are also logged, one JSON line each, on the logger {@code modelrun.jobs}.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meters = requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The most items of work that may wait in the queue (across the nodes sharing the store): a submit that would go
     * past it is refused with {@link dev.modelrun.core.model.OverCapacityException}, and nothing of it is stored. A
     * structured job counts one item per unit of work. Unbounded by default.
     */
    public Builder maxQueuedItems(long max) {
      checkArgument(max > 0, "maxQueuedItems must be > 0 but was %s", max);
      this.maxQueuedItems = max;
      return this;
    }

    /**
     * How many records a unit of work of a structured job holds at least: {@code records} rounded up to whole calls
     * of the model's batch size (the last unit of a file may hold fewer). Units run in parallel; 65,536 by default.
     */
    public Builder recordsPerWorkUnit(int records) {
      checkArgument(records > 0, "recordsPerWorkUnit must be > 0 but was %s", records);
      this.recordsPerUnit = records;
      return this;
    }

    /** Builds and starts the engine. */
    public ModelRunEngine build() {
      checkState(lease.compareTo(maintenanceInterval) > 0,
          "the lease (%s) must be longer than the maintenance interval (%s) that renews it", lease,
          maintenanceInterval);
      if (jobStore == null) {
        jobStore(new InMemoryJobStore());
      }
      if (resultStore == null) {
        resultStore = new InMemoryResultStore();
      }
      if (inputStore == null) {
        inputStore = new InMemoryInputStore();
      }
      if (fileStore == null) {
        fileStore = new InMemoryFileStore();
      }
      if (linkSecret == null) {
        linkSecret = new byte[LinkSigner.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(linkSecret);
      }
      ModelRunEngine engine = new ModelRunEngine(this);
      engine.lifecycle.start();
      return engine;
    }
  }
}
