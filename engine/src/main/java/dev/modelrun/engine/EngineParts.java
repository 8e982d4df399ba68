package dev.modelrun.engine;

import dev.modelrun.core.port.out.InputStore;
import dev.modelrun.core.port.out.JobStore;
import dev.modelrun.core.port.out.ResultStore;
import dev.modelrun.core.port.out.WorkQueue;
import java.time.Clock;

/** What the services of one engine share: its stores, models, clock, events, views and structured jobs' files. */
record EngineParts(JobStore jobs, WorkQueue queue, ResultStore results, InputStore inputs, ModelRegistry models,
    Clock clock, JobEvents events, JobViews views, int maxItemsPerJob, JobFiles files) {}
