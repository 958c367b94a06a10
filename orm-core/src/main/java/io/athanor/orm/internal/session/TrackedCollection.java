package io.athanor.orm.internal.session;

import io.athanor.orm.internal.mapping.ToManyMapping;
import java.util.AbstractList;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.RandomAccess;

/**
 * The collection a session puts into a {@code @OneToMany} field of an object it manages: a
 * {@link java.util.List} or {@link java.util.Set} that tells the session about every element added
 * or removed, so that the element's reference follows ({@link Relations#added}, {@link
 * Relations#removed}). The session changes it without telling itself through {@link #raw()}, when
 * the other side moved first. Once the field holds another collection, or the owner left the
 * session, it is a plain collection.
 */
interface TrackedCollection {
    /** The elements, to change without notifying the session. */
    Collection<Object> raw();

    /** A tracked collection of the kind {@code c} declares, holding {@code elements}. */
    static Collection<Object> of(Relations relations, InstanceState owner, ToManyMapping c, Collection<?> elements) {
        return c.isSet() ? new TrackedSet(relations, owner, c, elements)
                : new TrackedList(relations, owner, c, new ArrayList<>(elements));
    }

    /** As {@link #of}, taking {@code elements} over as a list's storage (no copy): the caller drops it. */
    static Collection<Object> adopt(Relations relations, InstanceState owner, ToManyMapping c, ArrayList<Object> elements) {
        return c.isSet() ? new TrackedSet(relations, owner, c, elements) : new TrackedList(relations, owner, c, elements);
    }

    /**
     * Who to notify, and whether to: only while the owner is managed and its field holds this
     * collection. It holds the owner object strongly: a program that keeps only the collection keeps
     * its owner (and the session's state of it), so an element added then is not lost.
     */
    record Hook(Relations relations, InstanceState owner, ToManyMapping attribute, Object entity) {
        Hook(Relations relations, InstanceState owner, ToManyMapping attribute) {
            this(relations, owner, attribute, owner.get());
        }

        boolean active(Object collection) {
            return owner.session != null && entity != null && attribute.get(entity) == collection;
        }

        void added(Object collection, Object element) {
            if (active(collection)) {
                relations.added(owner, attribute, element);
            }
        }

        void removed(Object collection, Object element) {
            if (active(collection)) {
                relations.removed(owner, attribute, element);
            }
        }

        void check(Object element) {
            relations.checkElement(owner, attribute, element);
        }
    }

    /**
     * A list over an {@link ArrayList}. {@link AbstractList} routes every change (iterators, sub
     * lists, {@code removeIf}, {@code clear}) through {@code add(int, E)}, {@code set} and {@code remove(int)}.
     */
    final class TrackedList extends AbstractList<Object> implements TrackedCollection, RandomAccess {
        private final ArrayList<Object> items;
        private final Hook hook;

        TrackedList(Relations relations, InstanceState owner, ToManyMapping c, ArrayList<Object> elements) {
            this.items = elements;
            this.hook = new Hook(relations, owner, c);
        }

        @Override
        public Object get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public Object set(int index, Object element) {
            hook.check(element);
            Object old = items.set(index, element);
            if (old != element) {
                hook.removed(this, old);
                hook.added(this, element);
            }
            return old;
        }

        @Override
        public void add(int index, Object element) {
            hook.check(element);
            items.add(index, element);
            modCount++;
            hook.added(this, element);
        }

        @Override
        public Object remove(int index) {
            Object old = items.remove(index);
            modCount++;
            hook.removed(this, old);
            return old;
        }

        @Override
        public Collection<Object> raw() {
            return items;
        }
    }

    /** A set over a {@link LinkedHashSet} (insertion order); its iterator's {@code remove} is tracked too. */
    final class TrackedSet extends AbstractSet<Object> implements TrackedCollection {
        private final LinkedHashSet<Object> items;
        private final Hook hook;

        TrackedSet(Relations relations, InstanceState owner, ToManyMapping c, Collection<?> elements) {
            this.items = new LinkedHashSet<>(elements);
            this.hook = new Hook(relations, owner, c);
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public boolean contains(Object o) {
            return items.contains(o);
        }

        @Override
        public boolean add(Object element) {
            hook.check(element);
            if (!items.add(element)) {
                return false;
            }
            hook.added(this, element);
            return true;
        }

        @Override
        public boolean remove(Object element) {
            if (!items.remove(element)) {
                return false;
            }
            hook.removed(this, element);
            return true;
        }

        @Override
        public Iterator<Object> iterator() {
            Iterator<Object> it = items.iterator();
            TrackedSet self = this;
            return new Iterator<>() {
                private Object last;

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Object next() {
                    last = it.next();
                    return last;
                }

                @Override
                public void remove() {
                    it.remove();
                    hook.removed(self, last);
                }
            };
        }

        @Override
        public Collection<Object> raw() {
            return items;
        }
    }
}
