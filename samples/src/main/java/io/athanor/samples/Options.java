package io.athanor.samples;

import java.nio.file.Path;

/**
 * Command-line options of the main job.
 *
 * @param rows how many rows to create (--rows N)
 * @param url the JDBC URL (--url, or --db PATH for a SQLite file)
 * @param user the user for a server database (--user)
 * @param password the password for a server database (--password)
 * @param explain print the SQL each method runs, its timed part apart from the job's setup and checks (--explain)
 */
record Options(int rows, String url, String user, String password, boolean explain) {
    static final String USAGE = """
            usage: UpdateMethods [--rows N] [--db PATH | --url JDBC_URL [--user U] [--password P]] [--explain]
              --rows N      rows in the stuff table (default 100000)
              --db PATH     SQLite file to use (default athanor-samples.db; recreated)
              --url URL     any database with a registered dialect, e.g. jdbc:postgresql://127.0.0.1:5432/test
              --explain     print the SQL each method runs in its timed part, and apart from it
                            the job's own setup and verification statements
            """;

    static Options parse(String[] args) {
        int rows = 100_000;
        String url = null;
        Path db = Path.of("athanor-samples.db");
        String user = null;
        String password = null;
        boolean explain = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rows" -> rows = positive(value(args, ++i, a), a);
                case "--db" -> db = Path.of(value(args, ++i, a));
                case "--url" -> url = value(args, ++i, a);
                case "--user" -> user = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--explain" -> explain = true;
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new Options(rows, url != null ? url : "jdbc:sqlite:" + db.toAbsolutePath(), user, password, explain);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String s, String option) {
        try {
            int n = Integer.parseInt(s.replace("_", "").replace(",", ""));
            if (n < 10) {
                throw new IllegalArgumentException(option + " must be at least 10, got " + s);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got " + s);
        }
    }

    /** The SQLite file behind the URL, or null for a server database. */
    Path sqliteFile() {
        return url.startsWith("jdbc:sqlite:") ? Path.of(url.substring("jdbc:sqlite:".length())) : null;
    }
}
