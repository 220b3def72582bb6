package io.jiesu.intake.appeal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A location says where in some way: a code, an address (or the community's name), or latitude with longitude. On
 * the type, so that a violation names the field {@code location} itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LocationGiven.Check.class)
public @interface LocationGiven {
    String message() default "a location is required: districtCode and streetCode, an address, or latitude and longitude";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<LocationGiven, AppealRequest.LocationPart> {
        @Override
        public boolean isValid(AppealRequest.LocationPart l, ConstraintValidatorContext context) {
            return l == null || present(l.districtCode()) || present(l.streetCode()) || present(l.communityCode())
                    || present(l.address()) || present(l.community()) || l.latitude() != null && l.longitude() != null;
        }

        private static boolean present(String s) {
            return s != null && !s.isBlank();
        }
    }
}
