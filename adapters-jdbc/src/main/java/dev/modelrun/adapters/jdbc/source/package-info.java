/**
 * The {@code jdbc} input source: the rows of one read-only SQL query on a client's PostgreSQL, MariaDB or MySQL
 * database as the items of a job, behind an allow-list of URLs, drivers and connection options.
 */
package dev.modelrun.adapters.jdbc.source;
