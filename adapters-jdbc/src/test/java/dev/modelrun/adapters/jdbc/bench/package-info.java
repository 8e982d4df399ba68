/** The JDBC store benchmark (BENCHMARKS.md): a main class, not a test. */
package dev.modelrun.adapters.jdbc.bench;
