package io.athanor.orm.internal;

import io.athanor.orm.OrmException;
import io.athanor.orm.internal.evaluator.Evaluator;
import io.athanor.orm.internal.mapping.DependencyOrder;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.persistence.EntityPersister;
import io.athanor.sql.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every session of a factory shares: the database, the entity mappings and their persisters,
 * and the settings. Immutable after construction, so sessions on many threads can use it.
 */
public final class OrmContext {
    private final Database database;
    private final Map<Class<?>, EntityMapping<?>> mappings = new HashMap<>();
    private final List<EntityMapping<?>> ordered;
    private final EntityPersister[] persisters;
    private final boolean expireOnCommit;
    private final boolean autoflush;
    private final Evaluator evaluator;
    private final DependencyOrder dependencyOrder;

    public OrmContext(Database database, List<EntityMapping<?>> mappings, boolean expireOnCommit, boolean autoflush) {
        this.database = database;
        this.ordered = List.copyOf(mappings);
        this.persisters = new EntityPersister[mappings.size()];
        for (EntityMapping<?> m : mappings) {
            this.mappings.put(m.type(), m);
            persisters[m.ordinal()] = new EntityPersister(m, database);
        }
        this.expireOnCommit = expireOnCommit;
        this.autoflush = autoflush;
        this.evaluator = new Evaluator(database.dialect());
        this.dependencyOrder = new DependencyOrder(this.ordered);
    }

    /** The order entities are written in: referenced ones first. */
    public DependencyOrder dependencyOrder() {
        return dependencyOrder;
    }

    /** Computes criteria and SET values in Java, with this database's semantics. */
    public Evaluator evaluator() {
        return evaluator;
    }

    public Database database() {
        return database;
    }

    public boolean expireOnCommit() {
        return expireOnCommit;
    }

    public boolean autoflush() {
        return autoflush;
    }

    public List<EntityMapping<?>> mappings() {
        return ordered;
    }

    /** The mapping of {@code type}; fails naming the class and the mapped entities when it is not one. */
    @SuppressWarnings("unchecked")
    public <E> EntityMapping<E> mapping(Class<E> type) {
        EntityMapping<?> m = mappings.get(type);
        if (m == null) {
            List<String> names = new ArrayList<>();
            ordered.forEach(e -> names.add(e.type().getName()));
            throw new OrmException(type.getName() + " is not a mapped entity of this SessionFactory; mapped: " + names
                    + ". Annotate it with @Entity and list it in SessionFactory.builder().entities(...)");
        }
        return (EntityMapping<E>) m;
    }

    public EntityPersister persister(EntityMapping<?> mapping) {
        return persisters[mapping.ordinal()];
    }
}
