#include "core/workerpool.h"
#include "providers/discogsclient.h"
#include "providers/musicbrainzclient.h"
#include "providers/providergate.h"
#include "providers/spotifyclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>

using namespace aime;

// aime-fake-providers as a person starts it: the environment it prints is enough for AIME's
// clients to work against every fake, and --fault does what it says.
class TestFakeProviders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void printedEnvironmentServesEveryClient();
    void badOptionsAreRefused_data();
    void badOptionsAreRefused();

private:
    QString program() const;

    QProcess m_fake;
    QHash<QString, QString> m_environment;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<WorkerPool> m_pool;
};

QString TestFakeProviders::program() const
{
    return qEnvironmentVariable("AIME_FAKE_PROVIDERS");
}

void TestFakeProviders::initTestCase()
{
    QVERIFY2(QFile::exists(program()), "AIME_FAKE_PROVIDERS must name aime-fake-providers");
    m_fake.start(program(),
                 {QStringLiteral("--albums"), QStringLiteral("40"), QStringLiteral("--fault"),
                  QStringLiteral("discogs:500:1")});
    QVERIFY(m_fake.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_fake.canReadLine() && m_fake.peek(1 << 16).contains("READY\n"),
                             20000);
    while (m_fake.canReadLine()) {
        const QString line = QString::fromUtf8(m_fake.readLine()).trimmed();
        if (line == QLatin1String("READY"))
            break;
        m_environment.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
    }
    for (const char *key :
         {"AIME_SPOTIFY_API_URL", "AIME_SPOTIFY_ACCOUNTS_URL", "AIME_SPOTIFY_CLIENT_ID",
          "AIME_DISCOGS_API_URL", "AIME_DISCOGS_TOKEN", "AIME_DISCOGS_USER",
          "AIME_MUSICBRAINZ_API_URL", "AIME_COVERART_URL", "AIME_LLM_URL"})
        QVERIFY2(!m_environment.value(QLatin1String(key)).isEmpty(), key);
    m_network = std::make_unique<QNetworkAccessManager>();
    m_pool = std::make_unique<WorkerPool>();
}

void TestFakeProviders::cleanupTestCase()
{
    m_pool.reset();
    m_network.reset();
    m_fake.kill();
    m_fake.waitForFinished();
}

void TestFakeProviders::printedEnvironmentServesEveryClient()
{
    const auto url
        = [this](const char *key) { return QUrl(m_environment.value(QLatin1String(key))); };

    DiscogsClient discogs(m_network.get(), m_pool.get(), url("AIME_DISCOGS_API_URL"));
    discogs.setToken(m_environment.value(QStringLiteral("AIME_DISCOGS_TOKEN")));
    bool discogsDone = false;
    ParseResult<AlbumListPage> collection;
    GateReply *page
        = discogs.collectionPage(m_environment.value(QStringLiteral("AIME_DISCOGS_USER")), 1,
                                 [&](const ParseResult<AlbumListPage> &result) {
                                     collection = result;
                                     discogsDone = true;
                                 });
    QPointer<GateReply> watched(page);
    int attempts = 0;
    connect(page, &GateReply::finished, this,
            [&] { attempts = watched ? watched->attempts() : -1; });

    SpotifyClient spotify(m_network.get(), m_pool.get(), url("AIME_SPOTIFY_API_URL"),
                          url("AIME_SPOTIFY_ACCOUNTS_URL"));
    spotify.setClientId(m_environment.value(QStringLiteral("AIME_SPOTIFY_CLIENT_ID")));
    spotify.setClientSecret(m_environment.value(QStringLiteral("AIME_SPOTIFY_CLIENT_SECRET")));
    bool spotifyDone = false;
    ParseResult<AlbumListPage> found;
    spotify.search(QStringLiteral("a"), 0, [&](const ParseResult<AlbumListPage> &result) {
        found = result;
        spotifyDone = true;
    });

    MusicBrainzClient musicBrainz(m_network.get(), m_pool.get(), url("AIME_MUSICBRAINZ_API_URL"),
                                  url("AIME_COVERART_URL"));
    musicBrainz.setContact(QStringLiteral("tests@example.org"));
    bool musicBrainzDone = false;
    ParseResult<AlbumListPage> groups;
    musicBrainz.searchReleaseGroups(QStringLiteral("the"), 0,
                                    [&](const ParseResult<AlbumListPage> &result) {
                                        groups = result;
                                        musicBrainzDone = true;
                                    });

    QNetworkReply *models = m_network->get(QNetworkRequest(
        QUrl(m_environment.value(QStringLiteral("AIME_LLM_URL")) + QStringLiteral("/models"))));

    QTRY_VERIFY_WITH_TIMEOUT(discogsDone && spotifyDone && musicBrainzDone && models->isFinished(),
                             30000);
    QVERIFY2(collection.ok(), qPrintable(collection.error));
    QCOMPARE(collection.value->total, 40);
    QCOMPARE(attempts, 2); // the injected 500, then the retry
    QVERIFY2(found.ok(), qPrintable(found.error));
    QVERIFY(!found.value->albums.isEmpty());
    QVERIFY2(groups.ok(), qPrintable(groups.error));
    QCOMPARE(models->error(), QNetworkReply::NoError);
    QVERIFY(models->readAll().contains("\"object\":\"list\""));
    models->deleteLater();
}

void TestFakeProviders::badOptionsAreRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown provider")
        << QStringList {QStringLiteral("--fault"), QStringLiteral("napster:500")};
    QTest::newRow("unknown fault")
        << QStringList {QStringLiteral("--fault"), QStringLiteral("discogs:teapot")};
    QTest::newRow("zero count") << QStringList {QStringLiteral("--fault"),
                                                QStringLiteral("llm:hang:0")};
    QTest::newRow("too few albums")
        << QStringList {QStringLiteral("--albums"), QStringLiteral("3")};
    QTest::newRow("port out of range")
        << QStringList {QStringLiteral("--port"), QStringLiteral("70000")};
}

void TestFakeProviders::badOptionsAreRefused()
{
    QFETCH(QStringList, arguments);
    QProcess process;
    process.start(program(), arguments);
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(!process.readAllStandardError().isEmpty());
    QVERIFY(!process.readAllStandardOutput().contains("READY"));
}

QTEST_GUILESS_MAIN(TestFakeProviders)
#include "tst_fakeproviders.moc"
