/** A hand-run load and soak harness of the server jar (issue 10; run by app/bench/soak.sh, never by the build). */
package dev.modelrun.app.soak;
