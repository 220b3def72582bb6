package io.jiesu.local;

import io.jiesu.contract.Topics;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deploy/local/kafka-credentials UNIT_CODE}: a department's Kafka credentials on the local broker.
 *
 * <p>Through the open listener (whose principal is a super user) it makes, idempotently:
 * <ul>
 * <li>a SCRAM-SHA-512 user named like the unit code, with the password kept in
 * {@code .local/kafka-users/<unitCode>.properties} (mode 600; a second run reuses it);</li>
 * <li>exactly these ACLs for {@code User:<unitCode>} — any other ACL of that principal is deleted:
 * READ and DESCRIBE on topic {@code unit.<unitCode>.inbox}, READ on consumer groups whose id starts with
 * {@code <unitCode>}, WRITE and DESCRIBE on topic {@code unit.<unitCode>.commands};</li>
 * <li>the two topics, if they do not exist yet (the unit may not create topics itself).</li>
 * </ul>
 * and prints the client properties file (bootstrap on the SASL listener) on stdout; what it did goes to stderr.
 */
public final class KafkaCredentials {

    static final String USAGE = "kafka-credentials [--bootstrap HOST:PORT] [--client-bootstrap HOST:PORT] "
            + "[--dir DIR] UNIT_CODE";
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    static final String DEFAULT_CLIENT_BOOTSTRAP = "127.0.0.1:9093";
    static final int SCRAM_ITERATIONS = 8192;
    private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private KafkaCredentials() {
    }

    public static void main(String[] args) {
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "kafka-credentials";
        System.arraycopy(args, 0, withCommand, 1, args.length);
        LocalPlatform.main(withCommand);
    }

    /** The principal of a unit's SCRAM user. */
    public static String principal(String unitCode) {
        return "User:" + unitCode;
    }

    /** The ACLs a unit's user has — nothing more. */
    public static Set<AclBinding> aclsOf(String unitCode) {
        String principal = principal(unitCode);
        String inbox = Topics.unitInbox(unitCode);
        String commands = Topics.unitCommands(unitCode);
        Set<AclBinding> acls = new LinkedHashSet<>();
        acls.add(allow(ResourceType.TOPIC, inbox, PatternType.LITERAL, principal, AclOperation.READ));
        acls.add(allow(ResourceType.TOPIC, inbox, PatternType.LITERAL, principal, AclOperation.DESCRIBE));
        // Consumer groups: any id starting with the unit code. No unit code is a prefix of another one (a test of
        // this module checks the reference data), so these prefixes never overlap.
        acls.add(allow(ResourceType.GROUP, unitCode, PatternType.PREFIXED, principal, AclOperation.READ));
        acls.add(allow(ResourceType.TOPIC, commands, PatternType.LITERAL, principal, AclOperation.WRITE));
        acls.add(allow(ResourceType.TOPIC, commands, PatternType.LITERAL, principal, AclOperation.DESCRIBE));
        return acls;
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String bootstrap = DEFAULT_BOOTSTRAP;
        String clientBootstrap = DEFAULT_CLIENT_BOOTSTRAP;
        Path dir = Path.of(".local", "kafka-users");
        String unitCode = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--bootstrap" -> bootstrap = value(args, ++i, arg);
                case "--client-bootstrap" -> clientBootstrap = value(args, ++i, arg);
                case "--dir" -> dir = Path.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-") || unitCode != null) {
                        throw new LocalPlatform.UsageException("unexpected argument '" + arg + "' (usage: " + USAGE + ")");
                    }
                    unitCode = arg;
                }
            }
        }
        if (unitCode == null) {
            throw new LocalPlatform.UsageException("no unit code (usage: " + USAGE + ")");
        }
        Unit unit = requireUnit(unitCode);
        requireListening(bootstrap, "Kafka is not running on " + bootstrap + " (start it: deploy/local/up)");
        requireListening(clientBootstrap, "nothing listens on " + clientBootstrap + ", the SASL listener for"
                + " department systems (a broker started by an older deploy/local/up? deploy/local/down, then up)");

        Path file = dir.resolve(unit.code() + ".properties");
        Optional<String> kept = storedPassword(file, unit.code());
        String password = kept.orElseGet(KafkaCredentials::newPassword);
        String clientProperties = clientProperties(unit, clientBootstrap, password);
        // Saved before the broker learns the password: a run that fails half-way is repaired by running it again.
        writeSecret(dir, file, clientProperties);

        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(config)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(unit.code(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password)))
                    .all().get(60, TimeUnit.SECONDS);
            List<String> createdTopics = ensureTopics(admin, unit.code());
            AclChanges changes = applyAcls(admin, unit.code());
            err.printf("unit %s (%s): SCRAM-SHA-512 user %s %s; password in %s%n", unit.code(), unit.nameEn(),
                    unit.code(), kept.isPresent() ? "updated with its kept password" : "created with a new password",
                    file);
            err.printf("ACLs of %s: %d added, %d removed, now exactly: read %s, groups %s*, write %s%n",
                    principal(unit.code()), changes.added(), changes.removed(), Topics.unitInbox(unit.code()),
                    unit.code(), Topics.unitCommands(unit.code()));
            if (!createdTopics.isEmpty()) {
                err.println("created topics: " + String.join(", ", createdTopics));
            }
        } catch (ExecutionException e) {
            throw new LocalPlatform.FailedException("Kafka at " + bootstrap + " refused or failed: " + e.getCause(), e.getCause());
        }
        out.print(clientProperties);
        return 0;
    }

    private static String value(List<String> args, int i, String option) throws LocalPlatform.UsageException {
        if (i >= args.size()) {
            throw new LocalPlatform.UsageException(option + " needs a value (usage: " + USAGE + ")");
        }
        return args.get(i);
    }

    /** The unit of the contract's reference data, or a usage error that says what a unit code looks like. */
    static Unit requireUnit(String code) throws LocalPlatform.UsageException {
        ReferenceData data = ReferenceData.get();
        Optional<Unit> unit = data.unit(code);
        if (unit.isPresent()) {
            return unit.get();
        }
        String hint = data.units().stream().filter(u -> u.code().equalsIgnoreCase(code)).findFirst()
                .map(u -> " Did you mean " + u.code() + "?")
                .orElse(" Unit codes look like ENT_HEATING, DEPT_HOUSING or 110101001 (a street/town).");
        throw new LocalPlatform.UsageException("unknown unit code '" + code + "': not a unit of the contract's reference"
                + " data (" + ReferenceData.RESOURCE + ", version " + data.version() + ")." + hint);
    }

    /** Fails with MESSAGE unless HOST:PORT accepts a TCP connection within 3 s. */
    private static void requireListening(String hostPort, String message) throws LocalPlatform.FailedException {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 3000);
        } catch (IOException | RuntimeException e) {
            throw new LocalPlatform.FailedException(message, e);
        }
    }

    static Optional<String> storedPassword(Path file, String unitCode) throws IOException, LocalPlatform.FailedException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        String jaas = props.getProperty("sasl.jaas.config", "");
        Matcher m = PASSWORD.matcher(jaas);
        if (!jaas.contains("username=\"" + unitCode + "\"") || !m.find()) {
            throw new LocalPlatform.FailedException(file + " has no password of user " + unitCode
                    + " in sasl.jaas.config; fix or delete it (deleting makes a new password)");
        }
        return Optional.of(m.group(1));
    }

    /** 32 random bytes, base64url: no character that needs quoting in a JAAS line. */
    static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String clientProperties(Unit unit, String clientBootstrap, String password) {
        String code = unit.code();
        return String.join("\n",
                "# Kafka client settings of unit " + code + " (" + unit.nameEn() + ") on the Jiesu local platform,",
                "# written by deploy/local/kafka-credentials. Keep it secret: it holds the password.",
                "# May read " + Topics.unitInbox(code) + " with consumer group ids starting with " + code
                        + ", and write " + Topics.unitCommands(code) + ". Nothing else.",
                "bootstrap.servers=" + clientBootstrap,
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=" + LocalKafka.SASL_MECHANISM,
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + code + "\" password=\"" + password + "\";",
                "# a consumer group this unit may use (any id starting with " + code + " works); producers ignore it",
                "group.id=" + code + ".inbox-reader",
                "");
    }

    /** Writes FILE with mode 600 in DIR (mode 700), atomically. */
    static void writeSecret(Path dir, Path file, String text) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to restrict with
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> ensureTopics(Admin admin, String unitCode) throws Exception {
        Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
        List<String> created = new ArrayList<>();
        for (String topic : List.of(Topics.unitInbox(unitCode), Topics.unitCommands(unitCode))) {
            if (existing.contains(topic)) {
                continue;
            }
            try {
                // the broker's defaults (partitions, replication), as when dispatch-service creates them
                admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                        .all().get(60, TimeUnit.SECONDS);
                created.add(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    record AclChanges(int added, int removed) {
    }

    /** Makes the unit principal's ACLs exactly {@link #aclsOf(String)}. */
    static AclChanges applyAcls(Admin admin, String unitCode) throws Exception {
        Set<AclBinding> wanted = aclsOf(unitCode);
        Collection<AclBinding> existing = admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal(unitCode), null, AclOperation.ANY, AclPermissionType.ANY)))
                .values().get(60, TimeUnit.SECONDS);
        List<AclBindingFilter> extra = existing.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter)
                .toList();
        if (!extra.isEmpty()) {
            admin.deleteAcls(extra).all().get(60, TimeUnit.SECONDS);
        }
        List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(60, TimeUnit.SECONDS);
        }
        awaitAcls(admin, unitCode, wanted);
        return new AclChanges(missing.size(), extra.size());
    }

    /**
     * The controller has committed the changes when createAcls/deleteAcls return; the broker's authorizer applies
     * them a moment later (on a busy machine, seconds). Wait for that, so the credentials work once we return.
     */
    private static void awaitAcls(Admin admin, String unitCode, Set<AclBinding> wanted) throws Exception {
        AclBindingFilter filter = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal(unitCode), null, AclOperation.ANY, AclPermissionType.ANY));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<AclBinding> seen;
        do {
            seen = new LinkedHashSet<>(admin.describeAcls(filter).values().get(60, TimeUnit.SECONDS));
            if (seen.equals(wanted)) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new LocalPlatform.FailedException("the broker still shows other ACLs for " + principal(unitCode)
                + " after 30 s: " + seen);
    }
}
