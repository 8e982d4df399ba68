/** The server: configuration from the environment, wiring, built-in models and the command line. */
package dev.modelrun.app;
