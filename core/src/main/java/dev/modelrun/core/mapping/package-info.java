/** Input and output field mapping of structured (tabular) jobs. */
package dev.modelrun.core.mapping;
