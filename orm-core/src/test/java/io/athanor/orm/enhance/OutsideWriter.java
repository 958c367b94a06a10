package io.athanor.orm.enhance;

/** Another class of the package writing an entity's field directly: the documented limit. */
final class OutsideWriter {
    private OutsideWriter() {
    }

    static void setCount(TrackedThing thing, int count) {
        thing.count = count;
    }
}
