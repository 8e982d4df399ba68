/** The HTTP edge: Javalin routes that turn requests into calls of core's inbound ports. */
package dev.modelrun.adapters.http;
