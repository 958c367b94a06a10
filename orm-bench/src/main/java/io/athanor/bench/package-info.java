/**
 * The JMH workloads W1-W9, each an ORM method beside its hand-written JDBC floor, and the report
 * that prints their ratios (see docs/benchmarks.md). A measuring tool, not an API: it may change.
 */
package io.athanor.bench;
