package io.jiesu.system;

import io.jiesu.local.EndToEndBench;
import io.jiesu.testing.TestInfrastructure;
import io.jiesu.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CI smoke of the end-to-end benchmark ({@code deploy/local/bench}, {@link EndToEndBench}): the five packaged
 * services as real processes, a few seconds of appeals at a low rate over REST and over {@code telephony.calls},
 * and every accepted appeal must reach exactly one unit inbox once — no loss, no duplicate. No timing thresholds:
 * CI machines are too noisy for them (nor is every scheduled send required to go out: the bench does not queue a send
 * for which no request slot is free); the figures are printed for the log only.
 */
class EndToEndSmokeIT {
    static Platform platform;
    static ServiceProcess intake;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.start();
        intake = platform.intake();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static EndToEndBench.Options options(String via, String rawSeconds) {
        // 5 s (100 appeals) of warm-up: the first test meets services and a test JVM that have compiled nothing yet
        return EndToEndBench.options("--via", via, "--rate", "20", "--seconds", "5", "--warmup", "5",
                "--drain", "90", "--raw-seconds", rawSeconds, "--url", intake.baseUrl(),
                "--bootstrap", TestInfrastructure.kafkaBootstrap(),
                "--reference", ServiceProcess.ROOT.resolve("contract/src/main/resources/jiesu/reference-data.json")
                        .toString());
    }

    @Test
    void everyAppealPostedOverRestReachesExactlyOneInboxOnce() throws Exception {
        EndToEndBench.Result r = EndToEndBench.run(options("rest", "1"), TestTokens.token("telephony"), System.out,
                System.err);
        assertNoLossNoDuplicate(r);
        assertTrue(r.rawRecordsPerSecond() > 0, "the raw producer rate was measured");
    }

    @Test
    void everyCallOnTheTelephonyTopicReachesExactlyOneInboxOnce() throws Exception {
        EndToEndBench.Result r = EndToEndBench.run(options("kafka", "0"), null, System.out, System.err);
        assertNoLossNoDuplicate(r);
    }

    private static void assertNoLossNoDuplicate(EndToEndBench.Result r) {
        System.out.println(r.summaryLine());
        assertEquals(100, r.scheduled(), "20/s for 5 s");
        // The bench is an open-loop load: a send that finds all its REST request slots taken (24, intake's per-client
        // share) is "not offered in time" and counted, never queued — on a busy CI host with intake answering slowly
        // a few can be (one run: 2 of 100). That is load shaping, not loss; what was offered must all arrive.
        assertEquals(r.scheduled(), r.offered() + r.notOffered(), "every appeal of the window sent or counted as not");
        assertTrue(r.offered() >= r.scheduled() / 2,
                "most of the window was sent: " + r.notOffered() + " not offered in time");
        assertEquals(0, r.errors(), "every appeal was accepted");
        assertEquals(r.offered(), r.accepted(), "every appeal was accepted");
        assertEquals(0, r.lost(), "accepted but on no inbox: " + r.lostSamples());
        assertEquals(0, r.duplicated(), "cases with two different work-order events");
        assertEquals(r.accepted() - r.noWorkOrderExpected(), r.reachedInbox(),
                "every accepted appeal of the window has its work order");
        assertTrue(r.reachedInbox() > 0);
    }
}
