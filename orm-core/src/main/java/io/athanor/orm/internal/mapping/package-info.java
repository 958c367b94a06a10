/**
 * How entity classes map to tables: the field rule shared by processor, enhancer and runtime
 * ({@code FieldRule}, {@code MappingRules}), {@code MappingReader}, {@code EntityMapping} and
 * {@code PropertyMapping}. Internal: may change. Mappings are immutable once built.
 */
package io.athanor.orm.internal.mapping;
