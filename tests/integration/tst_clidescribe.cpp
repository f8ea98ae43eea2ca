#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// aime-cli describe against aime-fake-providers' LLM: one album printed, every missing one as a
// job, the model recorded, a hung endpoint reported with the reason, and the usage errors.
class TestCliDescribe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void oneAlbumIsPrintedAndStored();
    void allMissingRunsAsAJob();
    void hungEndpointFailsWithTheReason();
    void usageErrors_data();
    void usageErrors();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &arguments, const QProcessEnvironment &environment);
    bool startFake(QProcess &fake, const QStringList &arguments, QProcessEnvironment *environment);
    QJsonArray listAlbums();

    QString m_cli;
    QString m_fakeProgram;
    QProcess m_fake;
    QProcessEnvironment m_environment;
    QTemporaryDir m_dir;
};

void TestCliDescribe::initTestCase()
{
    m_cli = qEnvironmentVariable("AIME_CLI");
    QVERIFY2(QFile::exists(m_cli), "AIME_CLI must name the built aime-cli");
    m_fakeProgram = qEnvironmentVariable("AIME_FAKE_PROVIDERS");
    QVERIFY2(QFile::exists(m_fakeProgram), "AIME_FAKE_PROVIDERS must name aime-fake-providers");
    QVERIFY(m_dir.isValid());
    QVERIFY(startFake(m_fake, {QStringLiteral("--albums"), QStringLiteral("40")}, &m_environment));
    const Result imported
        = run({QStringLiteral("import"), QStringLiteral("--source"), QStringLiteral("discogs-csv"),
               QStringLiteral("--file"), qEnvironmentVariable("AIME_SAMPLE_CSV")},
              m_environment);
    QCOMPARE(imported.exitCode, 0);
}

bool TestCliDescribe::startFake(QProcess &fake, const QStringList &arguments,
                                QProcessEnvironment *environment)
{
    fake.start(m_fakeProgram, arguments);
    if (!fake.waitForStarted())
        return false;
    // The fake prints its addresses, then READY.
    QDeadlineTimer deadline(20000);
    while (!fake.peek(1 << 16).contains("READY\n")) {
        if (deadline.hasExpired() || !fake.waitForReadyRead(int(deadline.remainingTime())))
            return false;
    }
    *environment = QProcessEnvironment::systemEnvironment();
    while (fake.canReadLine()) {
        const QString line = QString::fromUtf8(fake.readLine()).trimmed();
        if (line == QLatin1String("READY"))
            break;
        environment->insert(line.section(u'=', 0, 0), line.section(u'=', 1));
    }
    // Settings and keychain of a throwaway home, never the developer's.
    environment->insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    environment->insert(QStringLiteral("XDG_CONFIG_HOME"),
                        m_dir.filePath(QStringLiteral("config")));
    return environment->contains(QStringLiteral("AIME_LLM_URL"));
}

void TestCliDescribe::cleanupTestCase()
{
    m_fake.kill();
    m_fake.waitForFinished();
}

TestCliDescribe::Result TestCliDescribe::run(const QStringList &arguments,
                                             const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(m_cli,
                  QStringList {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data"))}
                      + arguments);
    Result result;
    if (!process.waitForFinished(180000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QJsonArray TestCliDescribe::listAlbums()
{
    const Result listed
        = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")},
              m_environment);
    return QJsonDocument::fromJson(listed.out).array();
}

void TestCliDescribe::oneAlbumIsPrintedAndStored()
{
    const QJsonObject first = listAlbums().first().toObject();
    const qint64 id = first.value(QStringLiteral("id")).toInteger();
    QVERIFY(first.value(QStringLiteral("ai_description")).isNull());
    const Result result
        = run({QStringLiteral("describe"), QStringLiteral("--album"), QString::number(id),
               QStringLiteral("--model"), QStringLiteral("llama3.2")},
              m_environment);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString printed = QString::fromUtf8(result.out).trimmed();
    QVERIFY(printed.contains(first.value(QStringLiteral("title")).toString()));
    for (const QJsonValue &value : listAlbums()) {
        const QJsonObject album = value.toObject();
        if (album.value(QStringLiteral("id")).toInteger() != id)
            continue;
        QCOMPARE(album.value(QStringLiteral("ai_description")).toString(), printed);
        QCOMPARE(album.value(QStringLiteral("ai_model")).toString(), QStringLiteral("llama3.2"));
        QCOMPARE(album.value(QStringLiteral("ai_edited")).toBool(), false);
        QVERIFY(!album.value(QStringLiteral("ai_generated_at")).toString().isEmpty());
    }
}

void TestCliDescribe::allMissingRunsAsAJob()
{
    const Result result
        = run({QStringLiteral("describe"), QStringLiteral("--all-missing")}, m_environment);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.err.contains("completed"));
    const QJsonArray albums = listAlbums();
    QVERIFY(albums.size() > 300);
    for (const QJsonValue &value : albums)
        QVERIFY(!value.toObject().value(QStringLiteral("ai_description")).toString().isEmpty());
    const Result jobs = run({QStringLiteral("jobs")}, m_environment);
    QVERIFY(jobs.out.contains("describe\tcompleted"));
}

void TestCliDescribe::hungEndpointFailsWithTheReason()
{
    QProcess hung;
    QProcessEnvironment environment;
    QVERIFY(startFake(hung,
                      {QStringLiteral("--albums"), QStringLiteral("10"), QStringLiteral("--fault"),
                       QStringLiteral("llm:hang:100")},
                      &environment));
    environment.insert(QStringLiteral("AIME_LLM_TIMEOUT_MS"), QStringLiteral("1000"));
    environment.insert(QStringLiteral("AIME_LLM_MODEL"), QStringLiteral("llama3.2"));
    const qint64 id = listAlbums().last().toObject().value(QStringLiteral("id")).toInteger();
    // An album the job above described: --album asks again (its text is the model's).
    const Result result = run(
        {QStringLiteral("describe"), QStringLiteral("--album"), QString::number(id)}, environment);
    hung.kill();
    hung.waitForFinished();
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("no answer within 1 s"), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

void TestCliDescribe::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("neither") << QStringList {QStringLiteral("describe")}
                             << QByteArray("describe needs --album ID or --all-missing");
    QTest::newRow("both") << QStringList {QStringLiteral("describe"), QStringLiteral("--album"),
                                          QStringLiteral("3"), QStringLiteral("--all-missing")}
                          << QByteArray("describe needs --album ID or --all-missing");
    QTest::newRow("not an id") << QStringList {QStringLiteral("describe"),
                                               QStringLiteral("--album"),
                                               QStringLiteral("kind-of-blue")}
                               << QByteArray("needs an album id");
    QTest::newRow("unknown album")
        << QStringList {QStringLiteral("describe"), QStringLiteral("--album"),
                        QStringLiteral("999999")}
        << QByteArray("no album 999999");
}

void TestCliDescribe::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, expected);
    const Result result = run(arguments, m_environment);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(expected), result.err.constData());
}

QTEST_GUILESS_MAIN(TestCliDescribe)
#include "tst_clidescribe.moc"
