package io.jiesu.intake.admission;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose requests take a place in the admission budget before their body is read ({@link AdmissionFilter});
 * the endpoint must be blocking (a full budget waits up to {@code max-wait} for a place).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Admitted {
}
