package io.jiesu.dispatch.proactive;

import io.jiesu.contract.EventCatalog;
import io.jiesu.dispatch.workorder.Dispatcher;
import io.jiesu.platform.consumer.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code analytics.insights}: a proactive work-order request (未诉先办) becomes a work order for the named unit
 * with channel PROACTIVE and the same lifecycle as any other; other insights are not dispatch's business.
 */
@ApplicationScoped
public class ProactiveWorkOrderConsumer {
    @Inject
    IdempotentConsumer consumer;
    @Inject
    Dispatcher dispatcher;

    @Incoming("analytics-insights")
    @Blocking
    public void onInsight(ConsumerRecord<String, String> record) {
        consumer.consume("dispatch-analytics-insights", record, event -> {
            if (event.is(EventCatalog.PROACTIVE_WORK_ORDER_REQUESTED)) {
                dispatcher.dispatchProactive(event.data(EventCatalog.PROACTIVE_WORK_ORDER_REQUESTED));
            }
        });
    }
}
