package io.jiesu.local;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The CPU time of this JVM (every thread, JIT and GC included), for the benchmark's own cost per appeal. */
final class ClientCpu {
    private ClientCpu() {
    }

    /** Process CPU time in ns, or -1 where the JVM does not tell it. */
    static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
