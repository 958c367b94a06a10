package io.athanor.orm.internal.session;

import io.athanor.orm.Synchronize;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import java.util.List;
import java.util.Map;

/** Bulk UPDATE and DELETE with session synchronization (see docs/synchronize.md). */
final class BulkOperations {
    private final SessionImpl session;

    BulkOperations(SessionImpl session) {
        this.session = session;
    }

    long update(EntityMapping<?> mapping, Expression<Boolean> criteria, Map<? extends Column<?>, ?> values, Synchronize mode) {
        throw new UnsupportedOperationException("bulk update is not built yet (issue 4)");
    }

    long delete(EntityMapping<?> mapping, Expression<Boolean> criteria, Synchronize mode) {
        throw new UnsupportedOperationException("bulk delete is not built yet (issue 4)");
    }

    long bulkUpdate(EntityMapping<?> mapping, List<? extends Map<? extends Column<?>, ?>> rows) {
        throw new UnsupportedOperationException("bulkUpdate is not built yet (issue 4)");
    }
}
