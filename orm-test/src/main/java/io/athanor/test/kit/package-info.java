/**
 * The dialect compliance kit. A dialect author subclasses {@link io.athanor.test.kit.SqlLayerSuite},
 * {@link io.athanor.test.kit.SessionSuite}, {@link io.athanor.test.kit.BulkSuite},
 * {@link io.athanor.test.kit.EvaluatorSuite}, {@link io.athanor.test.kit.MappingSuite},
 * {@link io.athanor.test.kit.ForeignKeySuite} and
 * {@link io.athanor.test.kit.TransactionSuite}, returning a {@link io.athanor.test.kit.KitTarget} for
 * their database from {@code target()}; see docs/dialects.md.
 */
package io.athanor.test.kit;
