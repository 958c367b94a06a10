/**
 * The ORM's internals: what a factory's sessions share ({@code OrmContext}) and, in the
 * subpackages, mapping, persistence, the session and the evaluator. Not API: anything here may
 * change without notice.
 */
package io.athanor.orm.internal;
