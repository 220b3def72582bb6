package io.jiesu.platform.web;

import io.vertx.core.VertxException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain: which failures are the client's going away rather than ours. */
class ProblemMappersTest {
    @Test
    void aConnectionClosedMidRequestIsTheClientGoneNotAnInternalError() {
        // what Vert.x raises when a client hangs up while its body is still being read (wrapped by the reader)
        Throwable closed = new UncheckedIOException(new java.io.IOException("reading the body failed",
                new VertxException("Connection was closed", true)));
        assertTrue(ProblemMappers.clientGone(closed));
        assertFalse(ProblemMappers.clientGone(new IllegalStateException("Connection was closed")),
                "only Vert.x's own exception says the client left");
        assertFalse(ProblemMappers.clientGone(new VertxException("something else")));
    }

    @Test
    void itIsAnsweredAsABadRequestWithoutAnErrorId() {
        Response r = new ProblemMappers().unexpected(new VertxException("Connection was closed", true), null);
        assertEquals(400, r.getStatus());
        assertEquals(null, ((Problem) r.getEntity()).extensions());
    }
}
