package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.internal.evaluator.CompiledCriteria;
import io.athanor.orm.internal.evaluator.CompiledValue;
import io.athanor.orm.internal.evaluator.EvaluationException;
import io.athanor.orm.internal.evaluator.Evaluator;
import io.athanor.orm.internal.evaluator.UnevaluableException;
import io.athanor.orm.internal.evaluator.ValueSource;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.mapping.StoredAttribute;
import io.athanor.orm.internal.mapping.ToManyMapping;
import io.athanor.orm.internal.mapping.ToOneMapping;
import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings objects already in the session in line with a bulk statement that matched them: SET
 * values are computed in Java from each object's state and applied as committed (not dirty)
 * values; what cannot be computed is expired instead, so it reloads on access. Deleted matches
 * leave the identity map.
 */
final class Synchronizer {
    private final SessionImpl session;
    private final EntityMapping<?> mapping;
    private final List<StoredAttribute> targets = new ArrayList<>();
    private final List<CompiledValue> computations = new ArrayList<>();
    /** For each computation, the properties it reads (computed once: mask() compares column names). */
    private long[] reads = new long[0];

    /** For an UPDATE: compiles each SET value; one that cannot be evaluated is expired on matches. */
    Synchronizer(SessionImpl session, EntityMapping<?> mapping, Evaluator evaluator, BulkValues values) {
        this.session = session;
        this.mapping = mapping;
        if (values != null) {
            for (Map.Entry<StoredAttribute, Expression<?>> e : values.values().entrySet()) {
                targets.add(e.getKey());
                computations.add(compile(evaluator, e.getValue(), e.getKey().column()));
            }
            reads = new long[computations.size()];
            for (int i = 0; i < reads.length; i++) {
                reads[i] = computations.get(i) == null ? 0 : mask(computations.get(i).columns());
            }
        }
    }

    private CompiledValue compile(Evaluator evaluator, Expression<?> value, io.athanor.sql.Column<?> target) {
        try {
            return evaluator.value(value, mapping.table(), target);
        } catch (UnevaluableException e) {
            return null;
        }
    }

    /** EVALUATE: every loaded, not fully expired object the criteria hold for (null criteria: all). */
    List<InstanceState> evaluate(CompiledCriteria criteria) {
        List<InstanceState> matched = new ArrayList<>();
        long idBit = EntityMapping.bit(mapping.id().index());
        long criteriaColumns = criteria == null ? 0 : mask(criteria.columns());
        for (InstanceState s : session.identityMap().states(mapping)) {
            Object entity = s.get();
            if (entity == null || s.status != ObjectState.PERSISTENT || (s.expired | idBit) == mapping.allAttributes()) {
                continue; // a fully expired object reloads on access anyway
            }
            if ((s.expired & criteriaColumns) != 0) {
                session.lifecycle().expire(s); // cannot tell whether it matched: expire rather than guess
                continue;
            }
            try {
                if (criteria == null || Boolean.TRUE.equals(criteria.test(new EntityValues(mapping, entity)))) {
                    matched.add(s);
                }
            } catch (EvaluationException e) {
                session.lifecycle().expire(s);
            }
        }
        return matched;
    }

    /** FETCH: the loaded objects among the keys the database returned. */
    List<InstanceState> fetched(Collection<?> keys) {
        List<InstanceState> matched = new ArrayList<>();
        for (Object key : keys) {
            InstanceState s = session.identityMap().get(mapping, key);
            if (s != null && s.status == ObjectState.PERSISTENT) {
                matched.add(s);
            }
        }
        return matched;
    }

    /** Applies the SET values to each matched object, computed from its state before the update. */
    void applyUpdate(List<InstanceState> matched) {
        Object[] computed = new Object[targets.size()];
        boolean[] known = new boolean[targets.size()];
        for (InstanceState s : matched) {
            Object entity = s.get();
            if (entity == null) {
                continue;
            }
            EntityValues before = new EntityValues(mapping, entity);
            for (int i = 0; i < targets.size(); i++) {
                CompiledValue c = computations.get(i);
                known[i] = false;
                if (c != null && ((s.expired | s.modified) & reads[i]) == 0) {
                    try {
                        computed[i] = c.compute(before);
                        known[i] = true;
                    } catch (EvaluationException e) {
                        known[i] = false;
                    }
                }
            }
            boolean expiredSome = false;
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i) instanceof ToOneMapping t) {
                    if (known[i]) {
                        new RelationSync(session).referenceFromDatabase(s, entity, t, computed[i]);
                    } else {
                        new RelationSync(session).referenceUnknown(s, entity, t);
                    }
                    continue;
                }
                PropertyMapping p = (PropertyMapping) targets.get(i);
                if (known[i] && !s.isModified(p.index())) {
                    s.setCommitted(entity, p, computed[i]);
                } else {
                    s.expireProperty(p.index()); // the database wins over an unflushed change, and over what Java cannot compute
                    expiredSome = true;
                }
            }
            if (expiredSome && !mapping.enhanced()) {
                session.loader().refreshIfPresent(s, entity); // no interception to reload it lazily
            }
        }
    }

    /** Marks each matched object deleted: out of the identity map until commit (detached) or rollback (restored). */
    void applyDelete(List<InstanceState> matched) {
        for (InstanceState s : matched) {
            session.lifecycle().deleted(s);
        }
        new RelationSync(session).deletedByDatabase(matched);
    }

    private long mask(Set<Column<?>> columns) {
        long m = 0;
        for (Column<?> c : columns) {
            StoredAttribute a = mapping.columnAttribute(c);
            if (a != null) {
                m |= a.bit();
            }
        }
        return m;
    }

    /**
     * An object's in-memory values, as the evaluator reads them, and its related objects' when they
     * are loaded. A related object's values are read only when known ({@code related}: its expired
     * attributes refuse, where the top-level object's criteria columns are checked by the caller).
     */
    record EntityValues(EntityMapping<?> mapping, Object entity, boolean related) implements ValueSource {
        EntityValues(EntityMapping<?> mapping, Object entity) {
            this(mapping, entity, false);
        }

        @Override
        public Object value(Column<?> column) {
            StoredAttribute a = mapping.columnAttribute(column);
            InstanceState s = related ? InstanceState.of(entity) : null;
            if (s != null && ((s.expired & a.bit()) != 0)) {
                throw new EvaluationException(s + ": " + column + " is not loaded");
            }
            if (a instanceof ToOneMapping t) {
                return referenceKey(t, entity);
            }
            return ((PropertyMapping) a).get(entity);
        }

        @Override
        public ValueSource referenced(Column<?> foreignKey) {
            ToOneMapping t = (ToOneMapping) mapping.columnAttribute(foreignKey);
            InstanceState s = InstanceState.of(entity);
            Object target;
            if (s != null && (s.unresolved & t.bit()) != 0) {
                Object key = s.refKeys[t.ordinal()];
                if (key == null) {
                    return null;
                }
                target = s.session == null ? null : s.session.relations().loadedTarget(t, key);
                if (target == null) {
                    throw new EvaluationException(s + ": " + t + " is not loaded");
                }
            } else if (s != null && (s.expired & t.bit()) != 0) {
                throw new EvaluationException(s + ": " + t + " is not loaded");
            } else {
                target = t.get(entity);
            }
            return target == null ? null : new EntityValues(t.target(), target, true);
        }

        @Override
        public List<ValueSource> elements(String collection) {
            ToManyMapping c = (ToManyMapping) mapping.attribute(collection);
            InstanceState s = InstanceState.of(entity);
            if (s == null || (s.expired & c.bit()) != 0 || !(c.get(entity) instanceof Collection<?> elements)) {
                throw new EvaluationException((s == null ? mapping.name() : s.toString()) + ": " + c + " is not loaded");
            }
            List<ValueSource> out = new ArrayList<>(elements.size());
            for (Object e : elements) {
                out.add(new EntityValues(c.target(), e, true));
            }
            return out;
        }

        /** A reference's foreign key in memory: the key it was loaded with, or the key of the object it holds. */
        private static Object referenceKey(ToOneMapping t, Object entity) {
            InstanceState s = InstanceState.of(entity);
            if (s != null && (s.unresolved & t.bit()) != 0) {
                return s.refKeys[t.ordinal()];
            }
            Object target = t.get(entity);
            Object key = t.keyOf(target);
            if (target != null && key == null) {
                throw new EvaluationException(t + " holds a new " + t.target().name() + " without a key yet");
            }
            return key;
        }
    }
}
