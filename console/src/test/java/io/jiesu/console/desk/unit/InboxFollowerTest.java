package io.jiesu.console.desk.unit;

import io.jiesu.testing.KafkaProbe;
import io.jiesu.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only followed inboxes are read, each from the moment its first page opened — also one created later. */
class InboxFollowerTest {
    private static void await(List<ConsumerRecord<String, String>> seen, String key) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(40));
        while (seen.stream().noneMatch(r -> key.equals(r.key()))) {
            assertTrue(Instant.now().isBefore(end), "no record " + key + " within 40 s; seen " + seen);
            Thread.sleep(100);
        }
    }

    @Test
    void readsOnlyFollowedInboxesFromTheMomentTheyWereFollowed() throws Exception {
        String bootstrap = TestInfrastructure.kafkaBootstrap();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String followed = "unit.F" + run + ".inbox";
        String other = "unit.O" + run + ".inbox";
        String later = "unit.L" + run + ".inbox";
        KafkaProbe.send(bootstrap, followed, "old", "{}", Map.of());
        KafkaProbe.send(bootstrap, other, "other-old", "{}", Map.of());
        Thread.sleep(20); // the record above is older than the moment the page opens

        List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
        try (InboxFollower follower = new InboxFollower(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), seen::add)) {
            follower.follow(followed, Instant.now());
            follower.follow(later, Instant.now()); // no such topic yet: looked for again until it exists
            KafkaProbe.send(bootstrap, followed, "new", "{}", Map.of());
            KafkaProbe.send(bootstrap, other, "other-new", "{}", Map.of());
            await(seen, "new");
            KafkaProbe.send(bootstrap, later, "later", "{}", Map.of());
            await(seen, "later");

            follower.unfollow(followed);
            assertEquals(Set.of(later), follower.followed());
            KafkaProbe.send(bootstrap, later, "later-2", "{}", Map.of());
            await(seen, "later-2");
        }
        assertTrue(seen.stream().noneMatch(r -> r.key().startsWith("other") || r.key().equals("old")), seen.toString());
    }
}
