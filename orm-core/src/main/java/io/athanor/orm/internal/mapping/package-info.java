/**
 * How entity classes map to tables: the field rule shared by processor, enhancer and runtime
 * ({@code FieldRule}, {@code MappingRules}), {@code MappingReader}, {@code EntityMapping} and its
 * attributes ({@code Attribute}: {@code PropertyMapping}, {@code ToOneMapping},
 * {@code ToManyMapping}), and {@code DependencyOrder}. Internal: may change. Mappings are immutable
 * once the factory has read and linked them.
 */
package io.athanor.orm.internal.mapping;
