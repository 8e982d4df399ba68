/** A hand-run benchmark of the engine with a no-op model and the in-memory stores (see BENCHMARKS.md). */
package dev.modelrun.engine.bench;
