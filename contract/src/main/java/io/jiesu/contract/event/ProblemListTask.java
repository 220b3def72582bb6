package io.jiesu.contract.event;

/** A task of a problem-list entry's task list (任务清单): its number in the list, the responsible unit, the due month. */
public record ProblemListTask(int taskNo, String description, String unitCode, String dueMonth) {
}
