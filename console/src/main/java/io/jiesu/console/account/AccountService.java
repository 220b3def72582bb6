package io.jiesu.console.account;

import io.jiesu.console.ConsoleConfig;
import io.jiesu.contract.reference.ReferenceData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Local accounts: sign-in checks with lockout, and the administrator's changes, each audited. */
@ApplicationScoped
public class AccountService {
    private static final Logger LOG = Logger.getLogger(AccountService.class);

    public enum SignIn { OK, WRONG_PASSWORD, LOCKED, DISABLED, UNKNOWN }

    /** A created or reset account with its new password, shown once. */
    public record Issued(Account account, String password) {
    }

    private final LockoutPolicy lockout;

    AccountService(ConsoleConfig config) {
        this.lockout = new LockoutPolicy(config.lockout().maxFailures(), config.lockout().duration());
    }

    @Transactional
    public SignIn signIn(String username, String password, Instant now) {
        Account account = Account.findById(username);
        if (account == null) {
            Passwords.matches(password, DUMMY_HASH); // same time as a real check: no hint that the name is unknown
            return SignIn.UNKNOWN;
        }
        if (!account.enabled) {
            return SignIn.DISABLED;
        }
        if (lockout.isLocked(account.lockedUntil, now)) {
            return SignIn.LOCKED;
        }
        if (!Passwords.matches(password, account.passwordHash)) {
            LockoutPolicy.Failure failure = lockout.afterWrongPassword(account.failedAttempts, now);
            account.failedAttempts = failure.failedAttempts();
            account.lockedUntil = failure.lockedUntil();
            if (failure.locked()) {
                audit(username, "LOCKED", "console", "after " + lockout.maxFailures() + " wrong passwords", now);
                LOG.warnf("account %s locked until %s after %d wrong passwords", username, failure.lockedUntil(),
                        lockout.maxFailures());
                return SignIn.LOCKED;
            }
            return SignIn.WRONG_PASSWORD;
        }
        account.failedAttempts = 0;
        account.lockedUntil = null;
        account.lastSignInAt = now;
        return SignIn.OK;
    }

    /** An account that may keep its session (the cookie is re-checked on every request). */
    @Transactional
    public Optional<Account> active(String username) {
        return Account.<Account>findByIdOptional(username).filter(a -> a.enabled);
    }

    /**
     * Creates the account or, when it exists, resets its password, role and scope and unlocks it. The scope code is the
     * unit's code for a {@code unit} account and the district's code for a {@code district} account; other roles
     * take none.
     */
    @Transactional
    public Issued createOrReset(String username, Role role, String scopeCode, String displayName, String actor) {
        validate(username, role, scopeCode);
        String scope = scopeCode == null ? null : scopeCode.trim();
        Instant now = Instant.now();
        String password = Passwords.generate();
        Account account = Account.findById(username);
        boolean created = account == null;
        if (created) {
            account = new Account();
            account.username = username;
            account.createdAt = now;
        }
        account.role = role;
        account.unitCode = role.needsUnit() ? scope : null;
        account.districtCode = role.needsDistrict() ? scope : null;
        account.displayName = displayName == null || displayName.isBlank() ? account.displayName : displayName.trim();
        account.passwordHash = Passwords.hash(password);
        account.enabled = true;
        account.failedAttempts = 0;
        account.lockedUntil = null;
        account.updatedAt = now;
        account.persist();
        String scopeText = account.unitCode != null ? ", unit " + account.unitCode
                : account.districtCode != null ? ", district " + account.districtCode : "";
        audit(username, created ? "CREATED" : "RESET", actor, "role " + role.claim() + scopeText, now);
        LOG.infof("account %s %s by %s (role %s%s)", username, created ? "created" : "reset", actor, role.claim(),
                scopeText);
        return new Issued(account, password);
    }

    @Transactional
    public Account setEnabled(String username, boolean enabled, String actor) {
        Account account = require(username);
        account.enabled = enabled;
        account.updatedAt = Instant.now();
        audit(username, enabled ? "ENABLED" : "DISABLED", actor, null, account.updatedAt);
        return account;
    }

    @Transactional
    public Account unlock(String username, String actor) {
        Account account = require(username);
        account.failedAttempts = 0;
        account.lockedUntil = null;
        account.updatedAt = Instant.now();
        audit(username, "UNLOCKED", actor, null, account.updatedAt);
        return account;
    }

    @Transactional
    public void setLanguage(String username, String language) {
        Account.<Account>findByIdOptional(username).ifPresent(a -> a.language = language);
    }

    public boolean isLocked(Account account, Instant now) {
        return lockout.isLocked(account.lockedUntil, now);
    }

    @Transactional
    public List<Account> page(String filter, int page, int size) {
        String like = filter == null || filter.isBlank() ? "%" : "%" + filter.trim().toLowerCase() + "%";
        return Account.<Account>find("lower(username) like ?1 or lower(coalesce(displayName, '')) like ?1 "
                + "or coalesce(unitCode, '') like ?1 order by username", like).page(page, size).list();
    }

    @Transactional
    public long count(String filter) {
        String like = filter == null || filter.isBlank() ? "%" : "%" + filter.trim().toLowerCase() + "%";
        return Account.count("lower(username) like ?1 or lower(coalesce(displayName, '')) like ?1 "
                + "or coalesce(unitCode, '') like ?1", like);
    }

    @Transactional
    public List<AccountAudit> history(String username) {
        return AccountAudit.<AccountAudit>find("username = ?1 order by at desc", username).page(0, 50).list();
    }

    private Account require(String username) {
        Account account = Account.findById(username);
        if (account == null) {
            throw new AccountException("username", "no account " + username);
        }
        return account;
    }

    static void validate(String username, Role role, String scopeCode) {
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new AccountException("username",
                    "2–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (role == null) {
            throw new AccountException("role", "one of operator, reviewer, unit, district, leader, analyst, admin");
        }
        boolean given = scopeCode != null && !scopeCode.isBlank();
        if (role.needsUnit()) {
            if (!given) {
                throw new AccountException("unitCode", "a unit account needs the code of its unit");
            }
            if (ReferenceData.get().unit(scopeCode.trim()).isEmpty()) {
                throw new AccountException("unitCode", "unknown unit code " + scopeCode);
            }
        } else if (role.needsDistrict()) {
            if (!given) {
                throw new AccountException("unitCode", "a district account needs the code of its district (e.g. 110105)");
            }
            if (ReferenceData.get().district(scopeCode.trim()).isEmpty()) {
                throw new AccountException("unitCode", "unknown district code " + scopeCode);
            }
        } else if (given) {
            throw new AccountException("unitCode", "only unit and district accounts take a code");
        }
    }

    private static void audit(String username, String action, String actor, String detail, Instant at) {
        AccountAudit entry = new AccountAudit();
        entry.username = username;
        entry.action = action;
        entry.actor = actor;
        entry.detail = detail;
        entry.at = at;
        entry.persist();
    }

    /** A bcrypt hash of nothing anyone knows. */
    private static final String DUMMY_HASH = Passwords.hash(Passwords.generate());
}
