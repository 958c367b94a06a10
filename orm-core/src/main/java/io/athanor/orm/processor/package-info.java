/**
 * The metamodel annotation processor, registered in
 * {@code META-INF/services/javax.annotation.processing.Processor}. Not API beyond what it generates
 * ({@code X_} with {@code TABLE} and one column per property).
 */
package io.athanor.orm.processor;
