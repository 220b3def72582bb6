package io.jiesu.intake.admission;

import io.jiesu.platform.security.CallerIdentity;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The admission budget at the door of the {@link Admitted} endpoints: a refused request (503/429) is answered before
 * its body is read, parsed and validated — under overload most requests are refusals (issue 19). Quarkus REST runs
 * this filter after the security checks (a request without a valid token is a 401 or 403 and takes no place) and,
 * for a blocking endpoint, on the worker thread, before the body is read and deserialised. The place is held until the
 * exchange ends ({@link Admission#hold}). The client is the token's subject; a request without one (an Open311
 * partner, known only from the api_key in its form) is left to its endpoint.
 */
public class AdmissionFilter {
    private final Admission admission;
    private final CallerIdentity caller;

    AdmissionFilter(Admission admission, CallerIdentity caller) {
        this.admission = admission;
        this.caller = caller;
    }

    @Admitted
    @ServerRequestFilter
    public void admit(RoutingContext exchange) {
        String subject = caller.subject();
        if (subject == null) {
            return;
        }
        if (Context.isOnEventLoopThread()) {
            // waiting for a place would stall every connection of this event loop
            throw new IllegalStateException("an @Admitted endpoint must be blocking: " + exchange.request().path());
        }
        admission.hold(exchange, subject);
    }
}
