/** Domain values: jobs, items, models, callers, requests, results and the errors of the domain. */
package dev.modelrun.core.model;
