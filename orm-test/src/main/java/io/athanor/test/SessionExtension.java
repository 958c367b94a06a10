package io.athanor.test;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh {@link Session} whose work is rolled back when the test ends, so tests
 * share one database without seeing each other's rows:
 *
 * <pre>{@code
 * static SessionFactory factory = ...;
 * @RegisterExtension
 * static SessionExtension sessions = SessionExtension.using(() -> factory);
 *
 * @Test
 * void addsAThing(Session session) {
 *     session.add(new Thing());
 *     session.flush();   // visible inside this test's transaction only
 * }
 * }</pre>
 *
 * A test that calls {@code session.commit()} makes its work permanent: that is its choice.
 */
public final class SessionExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SessionExtension.class);

    private final Supplier<SessionFactory> factory;

    private SessionExtension(Supplier<SessionFactory> factory) {
        this.factory = factory;
    }

    /** An extension opening sessions from the factory {@code factory} supplies (asked before each test). */
    public static SessionExtension using(Supplier<SessionFactory> factory) {
        return new SessionExtension(Objects.requireNonNull(factory, "factory"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SessionFactory sf = factory.get();
        if (sf == null) {
            throw new IllegalStateException("SessionExtension: the factory supplier of " + context.getDisplayName()
                    + " returned null; build the SessionFactory in @BeforeAll or a static initializer");
        }
        context.getStore(NAMESPACE).put(Session.class, sf.openSession());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Session session = context.getStore(NAMESPACE).remove(Session.class, Session.class);
        if (session != null) {
            try {
                session.rollback();
            } finally {
                session.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Session.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Session.class, Session.class);
    }
}
