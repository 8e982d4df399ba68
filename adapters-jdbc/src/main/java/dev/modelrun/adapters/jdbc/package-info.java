/** JDBC adapters: the job store on H2 and PostgreSQL, and the jdbc input source. */
package dev.modelrun.adapters.jdbc;
