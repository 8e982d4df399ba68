/** The HTTP edge's test kit: openapi.json as a real validator reads it, to check answers of a running server. */
package dev.modelrun.adapters.http.testkit;
