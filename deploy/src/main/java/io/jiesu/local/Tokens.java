package io.jiesu.local;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Mints one RS256 bearer token for a platform role, signed with the local private key. */
final class Tokens {
    static final Set<String> ROLES = Set.of("telephony", "operator", "unit", "reviewer", "analyst", "admin",
            "district", "leader");
    private static final String USAGE = "token --key FILE --issuer ISS ROLE [UNIT_CODE|DISTRICT_CODE]   (ROLE: "
            + "telephony, operator, unit, reviewer, analyst, admin, district, leader; unit needs UNIT_CODE, "
            + "district its six-digit DISTRICT_CODE, e.g. 110105)";

    private Tokens() {
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        String keyFile = null;
        String issuer = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--key" -> keyFile = value(args, ++i, a);
                case "--issuer" -> issuer = value(args, ++i, a);
                default -> {
                    if (a.startsWith("--")) {
                        throw new LocalPlatform.UsageException("unknown option " + a + "\nusage: " + USAGE);
                    }
                    positional.add(a);
                }
            }
        }
        if (keyFile == null || issuer == null || positional.isEmpty() || positional.size() > 2) {
            throw new LocalPlatform.UsageException("usage: " + USAGE);
        }
        String role = positional.get(0);
        String unitCode = positional.size() > 1 ? positional.get(1) : null;
        if (!ROLES.contains(role)) {
            throw new LocalPlatform.UsageException("unknown role '" + role + "'\nusage: " + USAGE);
        }
        if (role.equals("unit") && (unitCode == null || unitCode.isBlank())) {
            throw new LocalPlatform.UsageException("role 'unit' needs a UNIT_CODE (e.g. 110101001)\nusage: " + USAGE);
        }
        if (role.equals("district") && (unitCode == null || !unitCode.matches("11[0-9]{4}"))) {
            throw new LocalPlatform.UsageException("role 'district' needs a six-digit DISTRICT_CODE (e.g. 110105)"
                    + "\nusage: " + USAGE);
        }
        if (unitCode != null && !unitCode.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new LocalPlatform.UsageException("invalid UNIT_CODE '" + unitCode + "'");
        }
        Path key = Path.of(keyFile);
        if (!Files.isReadable(key)) {
            throw new LocalPlatform.UsageException("cannot read the private key " + key
                    + " (create it with: keys DIR, or deploy/local/token does it for you)");
        }
        PrivateKey privateKey = Keys.readPrivateKey(key);
        String subject = "local-" + role + (unitCode == null ? "" : "-" + unitCode);
        JwtClaimsBuilder builder = Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .expiresIn(Duration.ofHours(12));
        if (role.equals("district")) {
            builder.claim("district_code", unitCode); // 各区统筹: reaches its own district's streets/towns only
        } else if (unitCode != null) {
            builder.claim("unit_code", unitCode);
        }
        out.println(builder.sign(privateKey));
        return 0;
    }

    private static String value(List<String> args, int i, String option) throws LocalPlatform.UsageException {
        if (i >= args.size()) {
            throw new LocalPlatform.UsageException(option + " needs a value\nusage: " + USAGE);
        }
        return args.get(i);
    }
}
