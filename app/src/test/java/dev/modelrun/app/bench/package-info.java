/** A hand-run benchmark of S3 folder jobs on the server's stores against an in-process s3proxy (see BENCHMARKS.md). */
package dev.modelrun.app.bench;
