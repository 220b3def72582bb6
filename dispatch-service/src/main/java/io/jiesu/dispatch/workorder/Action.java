package io.jiesu.dispatch.workorder;

/** What a unit can do to a work order; {@link #path} is the REST sub-resource and the command name. */
public enum Action {
    /** 签收 */
    SIGN("sign"),
    /** contact the citizen */
    CONTACT("contact"),
    PROGRESS("progress"),
    /** 退单 */
    RETURN("return"),
    /** 延期 */
    EXTENSION("extension"),
    /** 办结 */
    COMPLETE("complete"),
    /** add a co-handling unit (协办) */
    CO_HANDLER("co-handlers");

    public final String path;

    Action(String path) {
        this.path = path;
    }
}
