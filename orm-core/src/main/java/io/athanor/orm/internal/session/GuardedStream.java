package io.athanor.orm.internal.session;

import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A query's lazy stream of objects with the session's failure guard around every row read: a
 * failure while the rows are being fetched (the database may report an error only then, for
 * instance PostgreSQL's "integer out of range" on a later row) fails the session as a failed
 * statement does.
 */
final class GuardedStream<T> implements Spliterator<T> {
    private final Spliterator<T> rows;
    private final SessionTransaction guard;
    /** True while the caller's action runs: what it throws is the caller's, not a failed read. */
    private boolean inAction;

    private GuardedStream(Spliterator<T> rows, SessionTransaction guard) {
        this.rows = rows;
        this.guard = guard;
    }

    static <T> Stream<T> of(Stream<T> rows, SessionTransaction guard) {
        return StreamSupport.stream(new GuardedStream<>(rows.spliterator(), guard), false).onClose(rows::close);
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        try {
            return rows.tryAdvance(row -> {
                inAction = true;
                action.accept(row);
                inAction = false;
            });
        } catch (RuntimeException e) {
            throw failedRead(e);
        } catch (Error e) {
            throw failedRead(e);
        }
    }

    /** A failure from reading rows fails the session; one from the caller's action is only passed on. */
    private <X extends Throwable> X failedRead(X e) {
        if (inAction) {
            inAction = false;
            return e;
        }
        return guard.fail(e);
    }

    @Override
    public Spliterator<T> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return rows.estimateSize();
    }

    @Override
    public int characteristics() {
        return rows.characteristics() & ~Spliterator.SIZED & ~Spliterator.SUBSIZED;
    }
}
