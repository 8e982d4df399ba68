/** Remote models served over the Open Inference Protocol (KServe V2): the client, its retries and circuit breaker. */
package dev.modelrun.adapters.oip;
