#include "providers/providerconfig.h"

#include <QTest>

using namespace aime;
using namespace std::chrono_literals;

class TestProviderConfig : public QObject
{
    Q_OBJECT

private slots:
    void defaults_data();
    void defaults();
    void discogsWithoutTokenIsSlower();
    void limitsFromEnvironment_data();
    void limitsFromEnvironment();
    void baseUrls_data();
    void baseUrls();
    void endpointsFromEnvironment();
};

void TestProviderConfig::defaults_data()
{
    QTest::addColumn<int>("provider");
    QTest::addColumn<int>("maxInFlight");
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("windowMs");
    QTest::addColumn<int>("timeoutMs");
    QTest::newRow("spotify") << int(Provider::Spotify) << 1 << 0 << 1000 << 10000;
    QTest::newRow("discogs") << int(Provider::Discogs) << 5 << 60 << 60000 << 10000;
    QTest::newRow("musicbrainz") << int(Provider::MusicBrainz) << 1 << 1 << 1000 << 10000;
    QTest::newRow("llm") << int(Provider::Llm) << 2 << 0 << 1000 << 60000;
}

void TestProviderConfig::defaults()
{
    QFETCH(int, provider);
    QFETCH(int, maxInFlight);
    QFETCH(int, rate);
    QFETCH(int, windowMs);
    QFETCH(int, timeoutMs);
    const GateLimits limits = ProviderConfig::defaultLimits(Provider(provider));
    QCOMPARE(limits.maxInFlight, maxInFlight);
    QCOMPARE(limits.requestsPerWindow, rate);
    QCOMPARE(int(limits.window.count()), windowMs);
    QCOMPARE(int(limits.requestTimeout.count()), timeoutMs);
}

void TestProviderConfig::discogsWithoutTokenIsSlower()
{
    QCOMPARE(ProviderConfig::defaultLimits(Provider::Discogs, false).requestsPerWindow, 25);
    QCOMPARE(ProviderConfig::defaultLimits(Provider::Discogs).remainingHeader,
             QByteArrayLiteral("X-Discogs-Ratelimit-Remaining"));
}

void TestProviderConfig::limitsFromEnvironment_data()
{
    QTest::addColumn<QString>("rate");
    QTest::addColumn<QString>("inFlight");
    QTest::addColumn<int>("expectedRate");
    QTest::addColumn<int>("expectedWindowMs");
    QTest::addColumn<int>("expectedInFlight");
    QTest::addColumn<bool>("problem");
    QTest::newRow("unset") << QString() << QString() << 60 << 60000 << 5 << false;
    QTest::newRow("scaled rate") << "60/2" << QString() << 60 << 2000 << 5 << false;
    QTest::newRow("fractional seconds") << "10/0.5"
                                        << "2" << 10 << 500 << 2 << false;
    QTest::newRow("rate without slash") << "60" << QString() << 60 << 60000 << 5 << true;
    QTest::newRow("zero seconds") << "5/0" << QString() << 60 << 60000 << 5 << true;
    QTest::newRow("words") << "fast/ly"
                           << "many" << 60 << 60000 << 5 << true;
    QTest::newRow("in flight zero") << QString() << "0" << 60 << 60000 << 5 << true;
}

void TestProviderConfig::limitsFromEnvironment()
{
    QFETCH(QString, rate);
    QFETCH(QString, inFlight);
    QFETCH(int, expectedRate);
    QFETCH(int, expectedWindowMs);
    QFETCH(int, expectedInFlight);
    QFETCH(bool, problem);
    QProcessEnvironment environment;
    if (!rate.isNull())
        environment.insert(QStringLiteral("AIME_DISCOGS_RATE"), rate);
    if (!inFlight.isNull())
        environment.insert(QStringLiteral("AIME_DISCOGS_MAX_IN_FLIGHT"), inFlight);
    QString why;
    const GateLimits limits = ProviderConfig::limitsFromEnvironment(
        Provider::Discogs, environment, ProviderConfig::defaultLimits(Provider::Discogs), &why);
    QCOMPARE(limits.requestsPerWindow, expectedRate);
    QCOMPARE(int(limits.window.count()), expectedWindowMs);
    QCOMPARE(limits.maxInFlight, expectedInFlight);
    QCOMPARE(!why.isEmpty(), problem);
    if (problem)
        QVERIFY(why.contains(QStringLiteral("AIME_DISCOGS_")));
}

void TestProviderConfig::baseUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("https") << "https://api.discogs.com" << true;
    QTest::newRow("loopback v4") << "http://127.0.0.1:8123" << true;
    QTest::newRow("loopback v4 other") << "http://127.0.0.2:80" << true;
    QTest::newRow("loopback v6") << "http://[::1]:9000/v1" << true;
    QTest::newRow("localhost") << "http://localhost:11434/v1" << true;
    QTest::newRow("plain http remote") << "http://api.discogs.com" << false;
    QTest::newRow("plain http lan") << "http://192.168.1.20:11434/v1" << false;
    QTest::newRow("ftp") << "ftp://127.0.0.1" << false;
    QTest::newRow("no host") << "https:///v1" << false;
    QTest::newRow("garbage") << "not a url" << false;
}

void TestProviderConfig::baseUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, accepted);
    const QString problem = ProviderConfig::baseUrlProblem(QUrl(url));
    QCOMPARE(problem.isEmpty(), accepted);
}

void TestProviderConfig::endpointsFromEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("AIME_DISCOGS_API_URL"),
                       QStringLiteral("http://127.0.0.1:5000/"));
    environment.insert(QStringLiteral("AIME_SPOTIFY_API_URL"),
                       QStringLiteral("http://10.0.0.5/v1"));
    environment.insert(QStringLiteral("AIME_MUSICBRAINZ_API_URL"),
                       QStringLiteral("http://127.0.0.1:5001/ws/2"));
    QString problem;
    const ProviderEndpoints endpoints
        = ProviderConfig::endpointsFromEnvironment(environment, {}, &problem);
    QCOMPARE(endpoints.discogsApi, QUrl(QStringLiteral("http://127.0.0.1:5000")));
    QCOMPARE(endpoints.musicBrainzApi, QUrl(QStringLiteral("http://127.0.0.1:5001/ws/2")));
    // Refused: the default stays, and the reason names the variable.
    QCOMPARE(endpoints.spotifyApi, QUrl(QStringLiteral("https://api.spotify.com/v1")));
    QVERIFY(problem.contains(QStringLiteral("AIME_SPOTIFY_API_URL")));
    QCOMPARE(endpoints.llm, QUrl(QStringLiteral("http://127.0.0.1:11434/v1")));
}

QTEST_GUILESS_MAIN(TestProviderConfig)
#include "tst_providerconfig.moc"
