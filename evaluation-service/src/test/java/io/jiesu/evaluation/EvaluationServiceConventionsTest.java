package io.jiesu.evaluation;

import io.jiesu.testing.JiesuTestResource;
import io.jiesu.testing.ServiceConventionsTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The Quarkus conventions of evaluation-service, on the real database and broker. */
@QuarkusTest
@QuarkusTestResource(value = JiesuTestResource.class, initArgs = @ResourceArg(name = "service", value = "evaluation"))
class EvaluationServiceConventionsTest extends ServiceConventionsTest {
}
