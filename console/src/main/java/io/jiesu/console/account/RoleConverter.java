package io.jiesu.console.account;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Roles are stored as the token claim (lower case), the same word the services see. */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {
    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.claim();
    }

    @Override
    public Role convertToEntityAttribute(String value) {
        return Role.fromClaim(value).orElseThrow(() -> new IllegalStateException("unknown role in database: " + value));
    }
}
