/**
 * The Byte Buddy build plugin {@code EntityEnhancer} and the contract enhanced classes implement
 * ({@code EnhancedEntity}, {@code PropertyInterceptor}, {@code @EnhancedProperties}). The plugin's
 * class name is stable (builds name it); the contract is between the enhancer and the runtime and
 * may change with both.
 */
package io.athanor.orm.enhance;
