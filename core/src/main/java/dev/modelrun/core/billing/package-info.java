/** Billing in whole units: record groups times the model's units per group (one unit is $0.001). */
package dev.modelrun.core.billing;
