package io.jiesu.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker, a fresh PostgreSQL database of its own and a JWT key to verify
 * test tokens with. Use: {@code @QuarkusTestResource(value = JiesuTestResource.class,
 * initArgs = @ResourceArg(name = "service", value = "intake"))}.
 */
public class JiesuTestResource implements QuarkusTestResourceLifecycleManager {
    private String service = "service";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service).replaceAll("[^a-z0-9_]", "_");
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = TestInfrastructure.kafkaBootstrap();
        TestInfrastructure.Database db = TestInfrastructure.database();
        String url = TestInfrastructure.freshDatabase("jiesu_test_" + service);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("quarkus.datasource.jdbc.url", url);
        config.put("quarkus.datasource.username", db.user());
        config.put("quarkus.datasource.password", db.password());
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // The broker and the database server are shared by every test of the JVM and stop with it.
    }
}
