/** The embeddable ModelRun engine: a builder, the use-case services, scheduling on virtual threads and in-memory stores. */
package dev.modelrun.engine;
