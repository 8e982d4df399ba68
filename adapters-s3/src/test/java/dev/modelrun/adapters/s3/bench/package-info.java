/** A hand-run benchmark of S3 folder jobs against an in-process s3proxy (see BENCHMARKS.md). */
package dev.modelrun.adapters.s3.bench;
