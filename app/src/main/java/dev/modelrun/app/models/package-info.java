/** The models the app serves out of the box: a lexicon-based sentiment analyser and a small tabular demo. */
package dev.modelrun.app.models;
