/**
 * ModelRun's JDBC job store side by side with db-scheduler and JobRunr on one PostgreSQL: a main class run by the
 * parent's {@code bench-compare} profile, not part of the build (see the module's README.md).
 */
package dev.modelrun.benchmarks;
