/** Reusable test kit of the engine: store contract suites, job builders and small test models. */
package dev.modelrun.engine.testkit;
