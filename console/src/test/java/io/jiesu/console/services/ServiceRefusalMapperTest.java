package io.jiesu.console.services;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every refusal keeps the service's Retry-After, read once here for the desks that say when to try again. */
class ServiceRefusalMapperTest {
    @Test
    void retryAfterIsReadAsDeltaSecondsAtLeastOne() {
        assertEquals(OptionalLong.of(3600), ServiceRefusalMapper.retryAfterSeconds(" 3600 "));
        assertEquals(OptionalLong.of(1), ServiceRefusalMapper.retryAfterSeconds("0"));
        assertEquals(OptionalLong.empty(), ServiceRefusalMapper.retryAfterSeconds(null));
        assertEquals(OptionalLong.empty(), ServiceRefusalMapper.retryAfterSeconds("Wed, 21 Oct 2026 07:28:00 GMT"));
    }
}
