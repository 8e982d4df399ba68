/** The OIP benchmark: remote models through the engine against a plain HTTP client loop (BENCHMARKS.md). */
package dev.modelrun.adapters.oip.bench;
