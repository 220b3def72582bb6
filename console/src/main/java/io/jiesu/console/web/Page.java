package io.jiesu.console.web;

import io.jiesu.console.security.SignedInPerson;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

import java.util.Locale;
import java.util.Optional;

/**
 * What every page needs besides its own data: the signed-in person (for the menu) and the language. Chinese is the
 * default; the {@value #LANG_COOKIE} cookie switches to English.
 */
@RequestScoped
public class Page {
    public static final String LANG_COOKIE = "jiesu-lang";
    public static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
    public static final Locale ENGLISH = Locale.ENGLISH;

    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    Page(SecurityIdentity identity, HttpServerRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public TemplateInstance render(TemplateInstance template) {
        Locale locale = locale();
        return template.data("me", person().orElse(null)).data("lang", locale.getLanguage())
                .setLocale(locale);
    }

    public Optional<SignedInPerson> person() {
        return SignedInPerson.of(identity);
    }

    public SignedInPerson requirePerson() {
        return person().orElseThrow(() -> new IllegalStateException("not signed in"));
    }

    public Locale locale() {
        Cookie cookie = request.getCookie(LANG_COOKIE);
        return cookie != null && "en".equals(cookie.getValue()) ? ENGLISH : CHINESE;
    }

    public boolean isHtmx() {
        return request.getHeader("HX-Request") != null;
    }
}
