/** The entities the kit's ORM suites map: enhanced at build time like a user's. */
package io.athanor.test.kit.entities;
