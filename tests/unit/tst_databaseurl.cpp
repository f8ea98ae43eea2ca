#include "store/databaseurl.h"

#include <QTest>

using namespace aime;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void redactedNeverShowsThePassword();
};

void TestDatabaseUrl::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");

    QTest::newRow("full") << "postgresql://collector@db.example.org:5433/aime?sslmode=verify-full"
                          << "QPSQL"
                          << "db.example.org" << 5433 << "collector"
                          << "aime"
                          << "sslmode=verify-full;connect_timeout=5";
    QTest::newRow("postgres scheme, no port") << "postgres://me@localhost/records"
                                              << "QPSQL"
                                              << "localhost" << 0 << "me"
                                              << "records"
                                              << "connect_timeout=5";
    QTest::newRow("socket folder") << "postgresql:///aime?host=/var/run/postgresql&user=me"
                                   << "QPSQL"
                                   << "/var/run/postgresql" << 0 << "me"
                                   << "aime"
                                   << "connect_timeout=5";
    QTest::newRow("own timeout, TLS root") << "postgresql://h/aime?connect_timeout=2&sslrootcert="
                                              "/etc/ssl/ca.pem&sslmode=verify-ca"
                                           << "QPSQL"
                                           << "h" << 0 << ""
                                           << "aime"
                                           << "connect_timeout=2;sslrootcert=/etc/ssl/ca.pem;"
                                              "sslmode=verify-ca";
    QTest::newRow("percent-encoded user") << "postgresql://r%C3%A9mi@h/aime"
                                          << "QPSQL"
                                          << "h" << 0 << "rémi"
                                          << "aime"
                                          << "connect_timeout=5";
    QTest::newRow("sqlite file") << "sqlite:/home/me/aime.sqlite"
                                 << "QSQLITE"
                                 << "" << 0 << ""
                                 << "/home/me/aime.sqlite"
                                 << "";
}

void TestDatabaseUrl::parses()
{
    QFETCH(QString, text);
    QFETCH(QString, driver);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, database);
    QFETCH(QString, options);
    QString error;
    const std::optional<StoreConfig> config = DatabaseUrl::parse(text, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->driver, driver);
    QCOMPARE(config->hostName, host);
    QCOMPARE(config->port, port);
    QCOMPARE(config->userName, user);
    QCOMPARE(config->databaseName, database);
    QCOMPARE(config->connectOptions, options);
}

void TestDatabaseUrl::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("other scheme") << "mysql://h/aime"
                                  << "not \"mysql\"";
    QTest::newRow("no database") << "postgresql://h/"
                                 << "names no database";
    QTest::newRow("password parameter") << "postgresql://h/aime?password=secret"
                                        << "keychain";
    QTest::newRow("unknown parameter") << "postgresql://h/aime?sslmod=require"
                                       << "\"sslmod\"";
    QTest::newRow("option injection") << "postgresql://h/aime?sslmode=require;host=evil"
                                      << "semicolon";
    QTest::newRow("empty sqlite") << "sqlite:"
                                  << "names no file";
    QTest::newRow("not a URL") << "postgresql://h:port/aime"
                               << "not a database address";
}

void TestDatabaseUrl::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    QString error;
    QVERIFY(!DatabaseUrl::parse(text, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("secret")), qPrintable(error));
}

void TestDatabaseUrl::redactedNeverShowsThePassword()
{
    const std::optional<StoreConfig> config
        = DatabaseUrl::parse(QStringLiteral("postgresql://me:s3cret@db:5432/aime?sslmode=require"));
    QVERIFY(config);
    QCOMPARE(config->password, QStringLiteral("s3cret"));
    const QString shown = DatabaseUrl::redacted(*config);
    QVERIFY2(!shown.contains(QLatin1String("s3cret")), qPrintable(shown));
    QCOMPARE(shown,
             QStringLiteral("postgresql://me@db:5432/aime?sslmode=require&connect_timeout=5"));
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
