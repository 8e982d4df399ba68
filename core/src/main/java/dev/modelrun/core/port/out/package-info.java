/** Outbound ports: what the engine needs from outside (stores, input sources, models, ids). */
package dev.modelrun.core.port.out;
