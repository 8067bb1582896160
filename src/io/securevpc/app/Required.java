package io.securevpc.app;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a configuration key that must be given. The records' checks report it as {@code (unset)} when missing;
 * {@code docs/config.schema.json} lists exactly these keys as {@code required} (ConfigSchemaTest keeps the two
 * equal).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Required {
}
