#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// aime-cli search against aime-fake-providers: the JSON shape docs/cli.md promises, a hung
// provider reported as timed out after the waiting time the environment sets, and the exit
// codes.
class TestCliSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void jsonReportsEveryProviderWithAHungOne();
    void hungProviderTimesOutWhicheverDeadlineFiresFirst_data();
    void hungProviderTimesOutWhicheverDeadlineFiresFirst();
    void collectionHitsAreMarked();
    void noProviderAnsweringFails();
    void textFormatAndUsage_data();
    void textFormatAndUsage();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &arguments, const QProcessEnvironment &environment);
    Result run(const QStringList &arguments) { return run(arguments, m_environment); }
    static QJsonObject provider(const QJsonObject &top, const QString &name);

    QString m_cli;
    QProcess m_fake;
    QProcessEnvironment m_environment;
    QTemporaryDir m_dir;
};

namespace {

// Well below the 10 s default, so the hung provider costs the suite little.
constexpr int providerTimeoutMs = 1500;

} // namespace

void TestCliSearch::initTestCase()
{
    m_cli = qEnvironmentVariable("AIME_CLI");
    QVERIFY2(QFile::exists(m_cli), "AIME_CLI must name the built aime-cli");
    const QString fake = qEnvironmentVariable("AIME_FAKE_PROVIDERS");
    QVERIFY2(QFile::exists(fake), "AIME_FAKE_PROVIDERS must name aime-fake-providers");
    QVERIFY(m_dir.isValid());
    // MusicBrainz never answers a search.
    m_fake.start(fake,
                 {QStringLiteral("--albums"), QStringLiteral("250"), QStringLiteral("--fault"),
                  QStringLiteral("musicbrainz:hang:1000")});
    QVERIFY(m_fake.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_fake.canReadLine() && m_fake.peek(1 << 16).contains("READY\n"),
                             20000);
    m_environment = QProcessEnvironment::systemEnvironment();
    while (m_fake.canReadLine()) {
        const QString line = QString::fromUtf8(m_fake.readLine()).trimmed();
        if (line == QLatin1String("READY"))
            break;
        m_environment.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
    }
    QVERIFY(m_environment.contains(QStringLiteral("AIME_DISCOGS_TOKEN")));
    // Settings and keychain of a throwaway home, never the developer's.
    m_environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                         m_dir.filePath(QStringLiteral("config")));
    m_environment.insert(QStringLiteral("AIME_SEARCH_PROVIDER_TIMEOUT_MS"),
                         QString::number(providerTimeoutMs));
}

void TestCliSearch::cleanupTestCase()
{
    m_fake.kill();
    m_fake.waitForFinished();
}

TestCliSearch::Result TestCliSearch::run(const QStringList &arguments,
                                         const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(m_cli,
                  QStringList {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data"))}
                      + arguments);
    Result result;
    if (!process.waitForFinished(120000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QJsonObject TestCliSearch::provider(const QJsonObject &top, const QString &name)
{
    for (const QJsonValue &value : top.value(QStringLiteral("providers")).toArray()) {
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            return value.toObject();
    }
    return {};
}

void TestCliSearch::jsonReportsEveryProviderWithAHungOne()
{
    const Result result = run({QStringLiteral("search"), QStringLiteral("quiet"),
                               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QJsonParseError error;
    const QJsonObject top = QJsonDocument::fromJson(result.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(top.value(QStringLiteral("query")).toString(), QStringLiteral("quiet"));
    const QJsonArray providers = top.value(QStringLiteral("providers")).toArray();
    QStringList names;
    for (const QJsonValue &value : providers)
        names.append(value.toObject().value(QStringLiteral("name")).toString());
    QCOMPARE(names,
             (QStringList {QStringLiteral("local"), QStringLiteral("spotify"),
                           QStringLiteral("discogs"), QStringLiteral("musicbrainz")}));

    for (const QString &name : {QStringLiteral("spotify"), QStringLiteral("discogs")}) {
        const QJsonObject answered = provider(top, name);
        QCOMPARE(answered.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
        QVERIFY(answered.value(QStringLiteral("elapsed_ms")).toInteger() < providerTimeoutMs);
        const QJsonArray results = answered.value(QStringLiteral("results")).toArray();
        QVERIFY2(!results.isEmpty(), qPrintable(name));
        for (const QJsonValue &value : results) {
            const QJsonObject hit = value.toObject();
            for (const char *key : {"title", "artist", "year", "format", "provider", "external_id",
                                    "url", "in_collection"})
                QVERIFY2(hit.contains(QLatin1String(key)), key);
            QCOMPARE(hit.value(QStringLiteral("provider")).toString(), name);
            QVERIFY(!hit.value(QStringLiteral("external_id")).toString().isEmpty());
            QVERIFY(hit.value(QStringLiteral("title"))
                        .toString()
                        .contains(QStringLiteral("quiet"), Qt::CaseInsensitive)
                    || hit.value(QStringLiteral("artist"))
                           .toString()
                           .contains(QStringLiteral("quiet"), Qt::CaseInsensitive)
                    || name == QLatin1String("discogs")); // Discogs also matches labels
            QCOMPARE(hit.value(QStringLiteral("in_collection")).toBool(), false);
        }
    }
    const QJsonObject hung = provider(top, QStringLiteral("musicbrainz"));
    QCOMPARE(hung.value(QStringLiteral("state")).toString(), QStringLiteral("timeout"));
    QVERIFY(hung.value(QStringLiteral("elapsed_ms")).toInteger() >= providerTimeoutMs);
    QVERIFY(
        hung.value(QStringLiteral("message")).toString().contains(QStringLiteral("MusicBrainz")));
    QVERIFY(hung.value(QStringLiteral("results")).toArray().isEmpty());
}

void TestCliSearch::hungProviderTimesOutWhicheverDeadlineFiresFirst_data()
{
    // The search's deadline for a provider and the gate's for one request (0: the default,
    // 10 s each, so the two race as they do for a person).
    QTest::addColumn<int>("searchMs");
    QTest::addColumn<int>("gateMs");
    QTest::newRow("default times (they race)") << 0 << 0;
    QTest::newRow("the gate's deadline first") << 0 << 1500;
    QTest::newRow("the search's deadline first") << 1500 << 0;
}

void TestCliSearch::hungProviderTimesOutWhicheverDeadlineFiresFirst()
{
    QFETCH(int, searchMs);
    QFETCH(int, gateMs);
    QProcessEnvironment environment = m_environment;
    environment.remove(QStringLiteral("AIME_SEARCH_PROVIDER_TIMEOUT_MS"));
    environment.remove(QStringLiteral("AIME_MUSICBRAINZ_TIMEOUT_MS"));
    if (searchMs > 0)
        environment.insert(QStringLiteral("AIME_SEARCH_PROVIDER_TIMEOUT_MS"),
                           QString::number(searchMs));
    if (gateMs > 0)
        environment.insert(QStringLiteral("AIME_MUSICBRAINZ_TIMEOUT_MS"), QString::number(gateMs));
    const Result result
        = run({QStringLiteral("search"), QStringLiteral("quiet"), QStringLiteral("--providers"),
               QStringLiteral("musicbrainz"), QStringLiteral("--format"), QStringLiteral("json")},
              environment);
    const QJsonObject hung
        = provider(QJsonDocument::fromJson(result.out).object(), QStringLiteral("musicbrainz"));
    QVERIFY2(!hung.isEmpty(), result.out.constData());
    QVERIFY2(hung.value(QStringLiteral("state")).toString() == QLatin1String("timeout"),
             qPrintable(hung.value(QStringLiteral("state")).toString() + u' '
                        + hung.value(QStringLiteral("message")).toString()));
    QVERIFY(hung.value(QStringLiteral("message")).toString().contains(QLatin1String("no answer")));
}

void TestCliSearch::collectionHitsAreMarked()
{
    const Result imported
        = run({QStringLiteral("import"), QStringLiteral("--source"), QStringLiteral("discogs-csv"),
               QStringLiteral("--file"), qEnvironmentVariable("AIME_SAMPLE_CSV")});
    QCOMPARE(imported.exitCode, 0);
    const Result result
        = run({QStringLiteral("search"), QStringLiteral("midnight"), QStringLiteral("--providers"),
               QStringLiteral("local"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QJsonObject top = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(top.value(QStringLiteral("providers")).toArray().size(), 1);
    const QJsonArray hits
        = provider(top, QStringLiteral("local")).value(QStringLiteral("results")).toArray();
    QVERIFY(!hits.isEmpty());
    for (const QJsonValue &value : hits) {
        QVERIFY(value.toObject().value(QStringLiteral("in_collection")).toBool());
        QVERIFY(value.toObject()
                    .value(QStringLiteral("title"))
                    .toString()
                    .contains(QStringLiteral("Midnight"), Qt::CaseInsensitive));
    }
}

void TestCliSearch::noProviderAnsweringFails()
{
    const Result result = run({QStringLiteral("search"), QStringLiteral("quiet"),
                               QStringLiteral("--providers"), QStringLiteral("musicbrainz")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.out.contains("== MusicBrainz: timeout"), result.out.constData());
}

void TestCliSearch::textFormatAndUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("text") << QStringList {QStringLiteral("search"), QStringLiteral("quiet"),
                                          QStringLiteral("--providers"),
                                          QStringLiteral("discogs,local")}
                          << 0 << QByteArray("== Discogs: done");
    QTest::newRow("no words") << QStringList {QStringLiteral("search")} << 2
                              << QByteArray("search needs words");
    QTest::newRow("unknown provider")
        << QStringList {QStringLiteral("search"), QStringLiteral("x"),
                        QStringLiteral("--providers"), QStringLiteral("napster")}
        << 2 << QByteArray("unknown provider \"napster\"");
    QTest::newRow("bad format") << QStringList {QStringLiteral("search"), QStringLiteral("x"),
                                                QStringLiteral("--format"), QStringLiteral("csv")}
                                << 2 << QByteArray("must be text or json");
}

void TestCliSearch::textFormatAndUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    const QByteArray printed = result.out + result.err;
    QVERIFY2(printed.contains(expected), printed.constData());
}

QTEST_GUILESS_MAIN(TestCliSearch)
#include "tst_clisearch.moc"
