/** Inbound ports: the use cases an edge (HTTP, a Java caller) invokes, with their command and view records. */
package dev.modelrun.core.port.in;
