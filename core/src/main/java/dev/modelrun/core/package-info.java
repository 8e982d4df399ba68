/** The ModelRun domain: jobs, items, models, billing and mapping rules, and the ports the engine implements and needs. */
package dev.modelrun.core;
