package io.jiesu.console.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Someone who may sign in to the console (local accounts; with OIDC the provider keeps them instead). */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {
    @Id
    public String username;
    @Column(name = "display_name")
    public String displayName;
    @jakarta.persistence.Convert(converter = RoleConverter.class)
    public Role role;
    @Column(name = "unit_code")
    public String unitCode;
    /** A district account's district (各区统筹), six digits; null for every other role. */
    @Column(name = "district_code")
    public String districtCode;
    @Column(name = "password_hash")
    public String passwordHash;
    public boolean enabled;
    @Column(name = "failed_attempts")
    public int failedAttempts;
    @Column(name = "locked_until")
    public Instant lockedUntil;
    public String language;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "last_sign_in_at")
    public Instant lastSignInAt;
}
