#include "postgrestestdatabase.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;

// aime-cli on a PostgreSQL catalogue (issue 17): --database and AIME_DATABASE_URL, and the
// sentences a person reads when the server, the password or the schema is wrong. The store
// itself is tested on both backends in tst_albumstore.
class TestCliDatabase : public QObject
{
    Q_OBJECT

private slots:
    void importThenListThroughTheDatabase();
    void environmentNamesTheDatabase();
    void unusableDatabaseIsExitTwoAndChangesNothing_data();
    void unusableDatabaseIsExitTwoAndChangesNothing();
    void newerSchemaIsRefusedUntouched();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
        qint64 ms = 0;
    };
    Run cli(const QStringList &arguments, const QString &databaseUrl = {});
};

TestCliDatabase::Run TestCliDatabase::cli(const QStringList &arguments, const QString &databaseUrl)
{
    QTemporaryDir data;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("AIME_DATA_DIR"), data.path());
    if (databaseUrl.isEmpty())
        environment.remove(QStringLiteral("AIME_DATABASE_URL"));
    else
        environment.insert(QStringLiteral("AIME_DATABASE_URL"), databaseUrl);
    process.setProcessEnvironment(environment);
    QElapsedTimer clock;
    clock.start();
    process.start(qEnvironmentVariable("AIME_CLI"), arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.ms = clock.elapsed();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestCliDatabase::importThenListThroughTheDatabase()
{
    testing::PostgresTestDatabase database;
    if (!database.skipOrFailUnlessAvailable())
        return;
    const Run import = cli({QStringLiteral("--database"), database.url(), QStringLiteral("import"),
                            QStringLiteral("--source"), QStringLiteral("discogs-csv"),
                            QStringLiteral("--file"), qEnvironmentVariable("AIME_SAMPLE_CSV")});
    QVERIFY2(import.exitCode == 0, qPrintable(import.err));
    // The option comes before or after the command.
    const Run list = cli({QStringLiteral("list"), QStringLiteral("--database"), database.url(),
                          QStringLiteral("--query"), QStringLiteral("miles davis")});
    QVERIFY2(list.exitCode == 0, qPrintable(list.err));
    QVERIFY2(list.out.contains(QLatin1String("Kind Of Blue")), qPrintable(list.out));
    // Nothing went to the data folder's SQLite file: the albums are in the database.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("check"));
    {
        db.setHostName(database.host());
        db.setPort(database.port());
        db.setUserName(database.user());
        db.setPassword(database.password());
        db.setDatabaseName(database.name());
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery count(db);
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM albums")) && count.next());
        QVERIFY(count.value(0).toInt() > 100);
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
}

void TestCliDatabase::environmentNamesTheDatabase()
{
    testing::PostgresTestDatabase database;
    if (!database.skipOrFailUnlessAvailable())
        return;
    const Run import
        = cli({QStringLiteral("import"), QStringLiteral("--source"), QStringLiteral("discogs-csv"),
               QStringLiteral("--file"), qEnvironmentVariable("AIME_SAMPLE_CSV")},
              database.url());
    QVERIFY2(import.exitCode == 0, qPrintable(import.err));
    const Run list
        = cli({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")},
              database.url());
    QVERIFY2(list.exitCode == 0, qPrintable(list.err));
    QVERIFY2(list.out.contains(QLatin1String("Kind Of Blue")), qPrintable(list.out.left(300)));
}

void TestCliDatabase::unusableDatabaseIsExitTwoAndChangesNothing_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("says");
    QTest::newRow("wrong password") << "password"
                                    << "password authentication failed";
    QTest::newRow("server down") << "down"
                                 << "Connection refused";
    QTest::newRow("missing database") << "database"
                                      << "does not exist";
    QTest::newRow("unknown parameter") << "parameter"
                                       << "does not know the address parameter";
    QTest::newRow("password in the query") << "query"
                                           << "keychain";
}

void TestCliDatabase::unusableDatabaseIsExitTwoAndChangesNothing()
{
    QFETCH(QString, problem);
    QFETCH(QString, says);
    testing::PostgresTestDatabase database;
    if (!database.skipOrFailUnlessAvailable())
        return;
    QUrl url(database.url());
    const QString secret
        = QStringLiteral("not-the-password-%1").arg(QCoreApplication::applicationPid());
    if (problem == QLatin1String("password")) {
        url.setPassword(secret);
    } else if (problem == QLatin1String("down")) {
        QTcpServer unused;
        QVERIFY(unused.listen(QHostAddress::LocalHost));
        url.setPort(unused.serverPort());
        unused.close(); // nothing listens there now
    } else if (problem == QLatin1String("database")) {
        url.setPath(QStringLiteral("/no_such_aime_database"));
    } else if (problem == QLatin1String("parameter")) {
        url.setQuery(QStringLiteral("sslmod=require"));
    } else {
        url.setPassword(QString());
        url.setQuery(QStringLiteral("password=") + secret);
    }
    const Run list = cli({QStringLiteral("--database"), url.toString(), QStringLiteral("list")});
    QCOMPARE(list.exitCode, 2);
    QVERIFY2(list.err.contains(says), qPrintable(list.err));
    QVERIFY2(!list.err.contains(secret), qPrintable(list.err));
    QVERIFY2(!list.err.contains(database.password()), qPrintable(list.err));
    // A clear answer at once, not a hang (the connect timeout is 5 s).
    QVERIFY2(list.ms < 15000, qPrintable(QString::number(list.ms)));
}

void TestCliDatabase::newerSchemaIsRefusedUntouched()
{
    testing::PostgresTestDatabase database;
    if (!database.skipOrFailUnlessAvailable())
        return;
    const Run import = cli({QStringLiteral("--database"), database.url(), QStringLiteral("import"),
                            QStringLiteral("--source"), QStringLiteral("discogs-csv"),
                            QStringLiteral("--file"), qEnvironmentVariable("AIME_SAMPLE_CSV")});
    QVERIFY2(import.exitCode == 0, qPrintable(import.err));
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("newer"));
        db.setHostName(database.host());
        db.setPort(database.port());
        db.setUserName(database.user());
        db.setPassword(database.password());
        db.setDatabaseName(database.name());
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("UPDATE aime_schema SET version = 99")));
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM albums")) && query.next());
        const int albums = query.value(0).toInt();
        const Run list
            = cli({QStringLiteral("--database"), database.url(), QStringLiteral("import"),
                   QStringLiteral("--source"), QStringLiteral("discogs-csv"),
                   QStringLiteral("--file"), qEnvironmentVariable("AIME_SAMPLE_CSV")});
        QCOMPARE(list.exitCode, 2);
        QVERIFY2(list.err.contains(QLatin1String("newer AIME (schema 99")), qPrintable(list.err));
        QVERIFY(query.exec(QStringLiteral("SELECT count(*), (SELECT version FROM aime_schema) "
                                          "FROM albums"))
                && query.next());
        QCOMPARE(query.value(0).toInt(), albums);
        QCOMPARE(query.value(1).toInt(), 99);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
}

QTEST_GUILESS_MAIN(TestCliDatabase)
#include "tst_clidatabase.moc"
