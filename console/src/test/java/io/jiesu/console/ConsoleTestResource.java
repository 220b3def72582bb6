package io.jiesu.console;

import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.TestTokens;

import java.util.HashMap;
import java.util.Map;

/** The test broker and database, plus the key the console signs service tokens with (the test key pair). */
public class ConsoleTestResource extends JiesuTestResource {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("smallrye.jwt.sign.key.location", TestTokens.privateKeyFile().toUri().toString());
        config.put("jiesu.console.token.issuer", TestTokens.ISSUER);
        return config;
    }
}
