/**
 * The graph walkthrough ({@code GraphWalkthrough}): customers, their orders and a category tree,
 * showing each flush's plan and its SQL. A sample to read and run, not an API: it may change.
 */
package io.athanor.samples.graph;
