package dev.boxoffice.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test class that changes JVM-wide state (BlockHound's instrumentation, the logging
 * format). Maven runs each such class in a JVM of its own (the {@code isolated-jvm}
 * Surefire execution), after the other tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("isolated-jvm")
public @interface IsolatedJvm {

}
