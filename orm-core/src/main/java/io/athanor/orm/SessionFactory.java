package io.athanor.orm;

import io.athanor.orm.internal.OrmContext;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.MappingReader;
import io.athanor.orm.internal.session.SessionImpl;
import io.athanor.sql.Database;
import io.athanor.sql.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread-safe source of {@link Session}s for one database and a fixed set of entity classes.
 *
 * <pre>{@code
 * try (SessionFactory sf = SessionFactory.builder().url("jdbc:sqlite:app.db").entities(Stuff.class).build()) {
 *     sf.createTables();
 *     try (Session s = sf.openSession()) { ... }
 * }
 * }</pre>
 */
public final class SessionFactory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

    private final OrmContext context;
    private final boolean ownsDatabase;

    private SessionFactory(OrmContext context, boolean ownsDatabase) {
        this.context = context;
        this.ownsDatabase = ownsDatabase;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new session; close it when done. */
    public Session openSession() {
        return new SessionImpl(context);
    }

    /** Issues CREATE TABLE IF NOT EXISTS for every mapped entity, in registration order. */
    public void createTables() {
        context.database().createTables(context.mappings().stream().map(EntityMapping::table).toArray(Table[]::new));
    }

    public Database database() {
        return context.database();
    }

    /** Closes the database only if this factory opened it from a URL. */
    @Override
    public void close() {
        if (ownsDatabase) {
            context.database().close();
        }
    }

    /** Settings for a {@link SessionFactory}. */
    public static final class Builder {
        private String url;
        private Database database;
        private final Set<Class<?>> entities = new LinkedHashSet<>();
        private boolean expireOnCommit = true;
        private boolean autoflush = true;

        private Builder() {
        }

        /** Opens (and on close, closes) a database for this JDBC URL. */
        public Builder url(String jdbcUrl) {
            this.url = Objects.requireNonNull(jdbcUrl, "url");
            return this;
        }

        /** Uses a database owned by the caller; closing the factory leaves it open. */
        public Builder database(Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** The entity classes, parents before children: inserts follow this order, deletes the reverse. */
        public Builder entities(Class<?>... classes) {
            entities.addAll(List.of(classes));
            return this;
        }

        /** Expire every object on commit so the next read sees the database (default true). */
        public Builder expireOnCommit(boolean expire) {
            this.expireOnCommit = expire;
            return this;
        }

        /** Flush before queries and bulk statements (default true). */
        public Builder autoflush(boolean autoflush) {
            this.autoflush = autoflush;
            return this;
        }

        public SessionFactory build() {
            if ((url == null) == (database == null)) {
                throw new IllegalStateException("give exactly one of url(...) or database(...)");
            }
            if (entities.isEmpty()) {
                throw new IllegalStateException("no entities: list them with entities(...)");
            }
            List<EntityMapping<?>> mappings = new ArrayList<>();
            for (Class<?> c : entities) {
                EntityMapping<?> m = MappingReader.read(c, mappings.size());
                if (!m.enhanced()) {
                    LOG.warn("{} is not enhanced: changes are found by comparing snapshots at flush, and expired values "
                            + "are not reloaded when read (only by refresh() or a query). Add the byte-buddy-maven-plugin "
                            + "with io.athanor.orm.enhance.EntityEnhancer to your build (see the README).", c.getName());
                }
                mappings.add(m);
            }
            Database db = database != null ? database : Database.open(url);
            try {
                return new SessionFactory(new OrmContext(db, mappings, expireOnCommit, autoflush), database == null);
            } catch (RuntimeException e) {
                if (database == null) {
                    db.close();
                }
                throw e;
            }
        }
    }
}
