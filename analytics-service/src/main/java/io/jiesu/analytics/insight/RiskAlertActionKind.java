package io.jiesu.analytics.insight;

/** What was done about a risk alert: a proactive work order (未诉先办) or a supervision task (督办). */
public enum RiskAlertActionKind {
    WORK_ORDER, SUPERVISION_TASK
}
