package io.jiesu.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;

/** The RSA key pair that signs local tokens (private) and that the services verify them with (public). */
final class Keys {
    static final String PRIVATE_KEY_FILE = "privateKey.pem";
    static final String PUBLIC_KEY_FILE = "publicKey.pem";

    private Keys() {
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        LocalPlatform.requireArgs(args, 1, "keys DIR");
        Path dir = Path.of(args.get(0));
        Files.createDirectories(dir);
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        if (Files.exists(privateFile)) {
            if (!Files.exists(publicFile)) {
                // the private key is the source of truth: derive its public half again
                write(publicFile, pem("PUBLIC KEY", publicOf(readPrivateKey(privateFile)).getEncoded()), false);
                out.println("keys: recreated " + publicFile + " from " + privateFile);
            } else {
                out.println("keys: using the existing key pair in " + dir);
            }
            restrict(privateFile);
            return 0;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        // public first: a private key file on disk always has its public half next to it
        write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
        write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        out.println("keys: created an RSA 2048 key pair in " + dir);
        return 0;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Reads a PKCS#8 ("BEGIN PRIVATE KEY") RSA key. */
    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new GeneralSecurityException(file + " is a PKCS#1 key; a PKCS#8 key (BEGIN PRIVATE KEY) is needed");
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(file + " holds no PEM 'BEGIN PRIVATE KEY' block");
        }
        String base64 = text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new GeneralSecurityException("cannot derive the public key: not an RSA CRT private key");
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }

    private static void write(Path file, String content, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        if (secret) {
            restrict(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** chmod 600 where the file system knows POSIX permissions; elsewhere leave it. */
    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // e.g. Windows or a FAT volume: nothing more to do
        }
    }
}
