package io.athanor.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.athanor.orm.SessionFactory;
import io.athanor.orm.enhance.EnhancedEntity;
import io.athanor.sql.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the example project of the README ("Using Athanor in your project") exactly as it is
 * written there: the blocks marked {@code <!-- readme-project: PATH -->} are copied into a fresh
 * directory, a nested Maven builds it ({@code process-classes}: compile with the metamodel
 * processor, then the enhancer), and its {@code App} runs against a SQLite file.
 *
 * <p>The project needs {@code io.athanor:orm-core}, which is not published, and this test must not
 * install it into the user's local repository (CI builds from a clean clone, and a stale snapshot
 * there would shadow the reactor's). So the nested Maven gets a local repository of its own under
 * {@code target/} holding this build's orm-sql, orm-core and parent POM, written in repository
 * layout; everything else it reads from the outer build's local repository, declared as a
 * {@code file:} repository (so nothing is written there), with Maven Central behind it for what
 * the outer build never needed (the default plugins of the running Maven version).
 */
class ReadmeProjectTest {
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- readme-project: (\\S+)[^>]*-->\\s*\\n```[a-z]*\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
    private static final String POM = "pom.xml";
    private static final String ENTITY = "src/main/java/com/example/Stuff.java";
    private static final String APP = "src/main/java/com/example/App.java";

    @TempDir
    Path dir;

    @Test
    void theReadmeProjectBuildsWithTheProcessorAndTheEnhancerAndRuns() throws Exception {
        Path mvn = mavenExecutable();
        Assumptions.assumeTrue(mvn != null, "mvn is not on PATH (and the build gave no maven.home): "
                + "cannot build the README's example project; skipping ReadmeProjectTest");
        String version = property("athanor.version");
        Map<String, String> files = readmeProjectFiles(Path.of(property("athanor.readme")));
        Matcher declared = Pattern.compile("<athanor.version>(.*?)</athanor.version>").matcher(files.get(POM));
        assertTrue(declared.find() && declared.group(1).equals(version), "the README's pom.xml must declare "
                + "<athanor.version>" + version + "</athanor.version>, the version this build makes");

        Path project = dir.resolve("app");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.createDirectories(project.resolve(f.getKey()).getParent());
            Files.writeString(project.resolve(f.getKey()), f.getValue());
        }
        Path repository = Path.of(property("athanor.readmeRepository"));
        stageAthanor(repository, version);
        Path settings = writeSettings(Path.of(property("athanor.outerRepository")));
        runMaven(mvn, project, settings, repository);

        assertTrue(Files.isRegularFile(project.resolve("target/generated-sources/annotations/com/example/Stuff_.java")),
                "no Stuff_ was generated: the README's compiler configuration did not run the metamodel processor");
        Path db = dir.resolve("app.db");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {project.resolve("target/classes").toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> stuff = loader.loadClass("com.example.Stuff");
            assertTrue(EnhancedEntity.class.isAssignableFrom(stuff), "com.example.Stuff is not enhanced: "
                    + "the README's byte-buddy-maven-plugin block did not run EntityEnhancer in process-classes");
            loader.loadClass("com.example.App").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {"jdbc:sqlite:" + db});
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rs = c.createStatement().executeQuery("SELECT foo, name, version FROM stuff")) {
            assertTrue(rs.next(), "App saved no Stuff");
            assertEquals(List.of(2, "one", 1), List.of(rs.getInt(1), rs.getString(2), rs.getInt(3)),
                    "App added foo = 1, then loaded it, incremented it and committed (version bumped once)");
        }
    }

    /** The marked blocks of the README by path; they must be exactly the project's three files. */
    private static Map<String, String> readmeProjectFiles(Path readme) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(Files.readString(readme));
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        assertEquals(List.of(POM, ENTITY, APP), new ArrayList<>(files.keySet()), readme
                + " marks its example project's files with <!-- readme-project: PATH --> right before each code block");
        return files;
    }

    /**
     * Writes this build's parent POM, orm-sql and orm-core into {@code repository} in repository
     * layout, replacing what an earlier run left. They are taken from where this test loads them:
     * the reactor hands over a module's jar once it is packaged, else its {@code target/classes}.
     */
    private static void stageAthanor(Path repository, String version) throws IOException, URISyntaxException {
        Path athanor = repository.resolve("io/athanor");
        if (Files.exists(athanor)) {
            try (Stream<Path> old = Files.walk(athanor)) {
                for (Path p : old.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path sqlModule = stageModule(repository, "orm-sql", version, Database.class);
        stageModule(repository, "orm-core", version, SessionFactory.class);
        Path parent = repository.resolve("io/athanor/athanor-parent/" + version);
        Files.createDirectories(parent);
        Files.copy(sqlModule.getParent().resolve(POM), parent.resolve("athanor-parent-" + version + ".pom"));
    }

    /** Stages the module whose build output holds {@code member}; returns the module's directory. */
    private static Path stageModule(Path repository, String artifactId, String version, Class<?> member)
            throws IOException, URISyntaxException {
        Path output = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = output.getParent();
        if (!target.getFileName().toString().equals("target")) {
            fail(artifactId + " was loaded from " + output + ", not from this build's target directory: run the "
                    + "tests through the reactor (mvn verify at the repository's root)");
        }
        Path module = target.getParent();
        Path to = repository.resolve("io/athanor/" + artifactId + "/" + version);
        Files.createDirectories(to);
        Path jar = to.resolve(artifactId + "-" + version + ".jar");
        if (Files.isDirectory(output)) {
            jar(output, jar);
        } else {
            Files.copy(output, jar);
        }
        Files.copy(module.resolve(POM), to.resolve(artifactId + "-" + version + ".pom"));
        return module;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> all = Files.walk(classes)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
    }

    /**
     * Settings giving the nested Maven the outer build's local repository as a read-only
     * {@code file:} repository, tried before Central, for releases only (no Athanor snapshot can
     * come from there). A local repository keeps no checksum files, hence the ignore policy.
     */
    private Path writeSettings(Path outerRepository) throws IOException {
        String url = outerRepository.toUri().toString().replace("&", "&amp;").replace("<", "&lt;");
        String repository = """
                <id>athanor-outer</id><url>%s</url>
                <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>
                """.formatted(url);
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <profiles><profile><id>athanor-outer</id>
                    <repositories><repository>%s</repository></repositories>
                    <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>athanor-outer</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, repository));
        return settings;
    }

    private void runMaven(Path mvn, Path project, Path settings, Path repository) throws IOException, InterruptedException {
        Path log = dir.resolve("maven.log");
        ProcessBuilder pb = new ProcessBuilder(mvn.toString(), "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository, "process-classes")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAVEN_ARGS"); // Maven 3.9 would add the outer user's arguments
        Process maven = pb.start();
        if (!maven.waitFor(5, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            fail("the nested Maven build of the README project took over 5 minutes:\n" + tail(log));
        }
        assertEquals(0, maven.exitValue(), () -> "the README project does not build:\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The outer build's Maven, else the first mvn on PATH, else null. */
    private static Path mavenExecutable() {
        String name = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("athanor.mavenHome");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, "bin", name));
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                candidates.add(Path.of(entry, name));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            fail("system property " + name + " is not set: run this test through Maven (samples/pom.xml sets it)");
        }
        return value;
    }
}
