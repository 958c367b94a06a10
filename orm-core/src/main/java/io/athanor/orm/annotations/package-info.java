/**
 * The mapping annotations: {@code @Entity}, {@code @Id}, {@code @Column}, {@code @Version},
 * {@code @Transient}. Stable API.
 */
package io.athanor.orm.annotations;
