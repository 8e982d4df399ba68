/** A real Open Inference Protocol model server for tests and benchmarks. */
package dev.modelrun.adapters.oip.testkit;
