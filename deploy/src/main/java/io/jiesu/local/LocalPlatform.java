package io.jiesu.local;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The Java half of {@code deploy/local/*}: everything a machine with only a JDK cannot do from bash
 * (no curl, psql or openssl is assumed).
 *
 * <pre>
 * keys DIR                                       RSA 2048 key pair in DIR (privateKey.pem, publicKey.pem), idempotent
 * token --key FILE --issuer ISS ROLE [UNIT_CODE|DISTRICT_CODE] one signed RS256 JWT on stdout
 * db-ping JDBC_URL USER PASSWORD                 exit 0 if a connection succeeds within 3 s, else 1
 * db-create ADMIN_JDBC_URL USER PASSWORD NAME... create the databases that do not exist yet
 * embedded-postgres DATA_DIR PORT                run an embedded PostgreSQL until killed
 * wait-ready TIMEOUT_SECONDS URL...              wait until every URL answers 200 with "UP" in its body
 * health URL...                                  one probe per URL: "URL UP|DOWN ...", always exit 0
 * kafka-config FILE DATA_DIR HOST OPEN_PORT DEPARTMENT_PORT CONTROLLER_PORT [NODE_ID NODES]
 *                                                the local broker's server.properties ({@link LocalKafka}); with
 *                                                NODE_ID NODES: that node of a local cluster (up --brokers 3)
 * kafka-credentials [--bootstrap B] [--client-bootstrap B] [--dir DIR] UNIT_CODE
 *                                                a unit's SCRAM user and ACLs; its client properties on stdout
 *                                                ({@link KafkaCredentials})
 * </pre>
 *
 * Exit codes: 0 success, 1 the check or the action failed, 2 usage error.
 */
public final class LocalPlatform {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private LocalPlatform() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            code = EXIT_USAGE;
        } catch (FailedException e) {
            System.err.println("error: " + e.getMessage());
            if (System.getenv("JIESU_DEBUG") != null && e.getCause() != null) {
                e.getCause().printStackTrace();
            }
            code = EXIT_FAILED;
        } catch (Exception | LinkageError e) {
            System.err.println("error: " + e);
            if (System.getenv("JIESU_DEBUG") != null) {
                e.printStackTrace();
            }
            code = EXIT_FAILED;
        }
        System.out.flush();
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** Runs one subcommand; returns its exit code, or {@link Integer#MIN_VALUE} to keep the JVM alive. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            throw new UsageException("no subcommand\n" + USAGE);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "keys":
                return Keys.run(rest, out);
            case "token":
                return Tokens.run(rest, out);
            case "db-ping":
                return Database.ping(rest, err);
            case "db-create":
                return Database.create(rest, out);
            case "embedded-postgres":
                EmbeddedPostgresRunner.run(rest, out);
                return Integer.MIN_VALUE;
            case "wait-ready":
                return Health.waitReady(rest, out, err);
            case "health":
                return Health.probe(rest, out);
            case "kafka-config":
                return LocalKafka.writeConfig(rest, out);
            case "kafka-credentials":
                return KafkaCredentials.run(rest, out, err);
            case "user":
                return ConsoleUsers.run(rest, out);
            case "help":
            case "-h":
            case "--help":
                out.println(USAGE);
                return 0;
            default:
                throw new UsageException("unknown subcommand '" + args[0] + "'\n" + USAGE);
        }
    }

    static final String USAGE = String.join("\n",
            "usage: java -cp ... io.jiesu.local.LocalPlatform SUBCOMMAND ...",
            "  keys DIR",
            "  token --key FILE --issuer ISS ROLE [UNIT_CODE|DISTRICT_CODE]",
            "  db-ping JDBC_URL USER PASSWORD",
            "  db-create ADMIN_JDBC_URL USER PASSWORD NAME...",
            "  embedded-postgres DATA_DIR PORT",
            "  wait-ready TIMEOUT_SECONDS URL...",
            "  health URL...",
            "  kafka-config FILE DATA_DIR HOST OPEN_PORT DEPARTMENT_PORT CONTROLLER_PORT [NODE_ID NODES]",
            "  " + KafkaCredentials.USAGE,
            "  " + ConsoleUsers.USAGE);

    /** A wrong command line: message on stderr, exit 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The action failed for a reason the message explains: message on stderr, exit 1. */
    static final class FailedException extends Exception {
        FailedException(String message) {
            super(message);
        }

        FailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static void requireArgs(List<String> args, int min, String usage) throws UsageException {
        if (args.size() < min) {
            throw new UsageException("usage: " + usage);
        }
    }
}
