#include "fakeserver.h"
#include "providers/providergate.h"
#include "providers/requestgroup.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace aime;
using namespace std::chrono_literals;
using fakes::FakeResponse;
using fakes::FakeServer;
using fakes::Fault;

Q_DECLARE_METATYPE(aime::fakes::Fault)

namespace {

GateLimits quickLimits()
{
    GateLimits limits;
    limits.maxInFlight = 1;
    limits.initialBackoff = 20ms;
    limits.maxBackoff = 200ms;
    limits.requestTimeout = 5000ms;
    return limits;
}

// Sends `count` requests at once and waits until every one has finished.
QList<std::shared_ptr<GateReply>> sendAll(ProviderGate &gate, const QUrl &base, int count,
                                          int timeoutMs)
{
    QList<std::shared_ptr<GateReply>> replies;
    for (int i = 0; i < count; ++i) {
        QUrl url = base;
        url.setPath(QStringLiteral("/item/%1").arg(i));
        replies.append(std::shared_ptr<GateReply>(gate.get(QNetworkRequest(url))));
    }
    // The caller checks isFinished() on each reply, which says more than this bool would.
    [[maybe_unused]] const bool allFinished = QTest::qWaitFor(
        [&] {
            return std::all_of(replies.cbegin(), replies.cend(),
                               [](const auto &reply) { return reply->isFinished(); });
        },
        timeoutMs);
    return replies;
}

} // namespace

class TestProviderGate : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void staysWithinCapsAndRate_data();
    void staysWithinCapsAndRate();
    void retryAfterPausesTheWholeGate();
    void rateLimitWithoutRetryAfterBacksOff();
    void serverErrorsStopAfterFourRetries();
    void resetConnectionsAreRetried();
    void deadlineEndsAHungRequest();
    void truncatedAndMalformedBodiesReachTheCaller();
    void cutAnswersAreRetriedThenFail_data();
    void cutAnswersAreRetriedThenFail();
    void refusedRedirectsAreErrors_data();
    void refusedRedirectsAreErrors();
    void authorizationStaysOnItsOrigin_data();
    void authorizationStaysOnItsOrigin();
    void sendTimesStayBounded_data();
    void sendTimesStayBounded();
    void clientErrorsAreNotRetried();
    void unauthorizedRefreshesOnce_data();
    void unauthorizedRefreshesOnce();
    void manyUnauthorizedShareOneRefresh();
    void staleCredentialsAreRenewedBeforeSending();
    void remainingZeroPausesAWindow();
    void interactiveOvertakesQueuedBackground();
    void backgroundLeavesAReserveOfTheWindow();
    void backgroundTakesTheReserveInteractiveRequestsUsed();
    void remainingReserveHoldsOnlyBackground();
    void cancelAllAbortsQueuedAndInFlight();
    void deletingAReplyCancelsIt();
    void groupCancelsOnlyItsOwnRequests();

private:
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

void TestProviderGate::init()
{
    m_server = std::make_unique<FakeServer>();
    QVERIFY(m_server->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
}

void TestProviderGate::cleanup()
{
    m_network.reset();
    m_server.reset();
}

void TestProviderGate::staysWithinCapsAndRate_data()
{
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("maxInFlight");
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("windowMs");
    QTest::addColumn<int>("latencyMs");
    QTest::newRow("500 requests, 5 in flight, 100 per second") << 500 << 5 << 100 << 1000 << 10;
    QTest::newRow("one at a time, 10 per 500 ms") << 40 << 1 << 10 << 500 << 20;
    QTest::newRow("two in flight, no rate") << 60 << 2 << 0 << 1000 << 30;
    QTest::newRow("slow answers, 5 in flight") << 30 << 5 << 60 << 1000 << 200;
}

void TestProviderGate::staysWithinCapsAndRate()
{
    QFETCH(int, requests);
    QFETCH(int, maxInFlight);
    QFETCH(int, rate);
    QFETCH(int, windowMs);
    QFETCH(int, latencyMs);
    m_server->setLatency(std::chrono::milliseconds(latencyMs));
    m_server->setMaxInFlight(maxInFlight);
    if (rate > 0)
        m_server->setRateLimit(rate, std::chrono::milliseconds(windowMs));

    GateLimits limits = quickLimits();
    limits.maxInFlight = maxInFlight;
    limits.requestsPerWindow = rate;
    limits.window = std::chrono::milliseconds(windowMs);
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    const auto replies = sendAll(gate, m_server->baseUrl(), requests, 60000);

    for (const auto &reply : replies) {
        QVERIFY(reply->isFinished());
        QCOMPARE(reply->error(), GateError::None);
        QCOMPARE(reply->attempts(), 1);
    }
    QCOMPARE(m_server->limitedCount(), 0);
    QCOMPARE(m_server->requestCount(), requests);
    QVERIFY(m_server->maxInFlightSeen() <= maxInFlight);
    QVERIFY(gate.maxInFlightSeen() <= maxInFlight);
    if (rate > 0)
        QVERIFY2(m_server->maxPerWindowSeen() <= rate,
                 qPrintable(QString::number(m_server->maxPerWindowSeen())));
    QCOMPARE(gate.queueLength(), 0);
    QCOMPARE(gate.inFlight(), 0);
}

void TestProviderGate::retryAfterPausesTheWholeGate()
{
    m_server->failNext(Fault::Status429, 1, 2);
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    QSignalSpy limited(&gate, &ProviderGate::rateLimited);
    const auto replies = sendAll(gate, m_server->baseUrl(), 2, 10000);
    QCOMPARE(replies.at(0)->error(), GateError::None);
    QCOMPARE(replies.at(0)->attempts(), 2);
    QCOMPARE(replies.at(1)->error(), GateError::None);
    const QList<qint64> &arrivals = m_server->arrivals();
    QCOMPARE(arrivals.size(), 3);
    // Nothing goes out for the 2 s the server asked for, the other request included.
    QVERIFY2(arrivals.at(1) - arrivals.at(0) >= 2000,
             qPrintable(QString::number(arrivals.at(1) - arrivals.at(0))));
    QCOMPARE(limited.count(), 1);
    QVERIFY(limited.first().first().toLongLong() >= 2000);
}

void TestProviderGate::rateLimitWithoutRetryAfterBacksOff()
{
    m_server->failNext(Fault::Status503, 2, -1);
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    const auto replies = sendAll(gate, m_server->baseUrl(), 1, 10000);
    QCOMPARE(replies.first()->error(), GateError::None);
    QCOMPARE(replies.first()->attempts(), 3);
    const QList<qint64> &arrivals = m_server->arrivals();
    // Backoff of 20 ms, then 40 ms, each within +-25 %.
    QVERIFY(arrivals.at(1) - arrivals.at(0) >= 15);
    QVERIFY(arrivals.at(2) - arrivals.at(1) >= 30);
}

void TestProviderGate::serverErrorsStopAfterFourRetries()
{
    m_server->failNext(Fault::Status500, 10);
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    const auto replies = sendAll(gate, m_server->baseUrl(), 1, 10000);
    QCOMPARE(replies.first()->error(), GateError::ServerError);
    QCOMPARE(replies.first()->attempts(), 5);
    QCOMPARE(replies.first()->httpStatus(), 500);
    QCOMPARE(m_server->requestCount(), 5);
    QVERIFY(replies.first()->errorString().contains(QStringLiteral("500")));
}

void TestProviderGate::resetConnectionsAreRetried()
{
    m_server->failNext(Fault::Reset, 2);
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    const auto replies = sendAll(gate, m_server->baseUrl(), 1, 10000);
    QCOMPARE(replies.first()->error(), GateError::None);
    QVERIFY(replies.first()->body().contains("\"n\""));
    // Qt's network stack itself resends once on a closed connection; together three tries.
    QCOMPARE(m_server->requestCount(), 3);
    QVERIFY(replies.first()->attempts() >= 2);
}

void TestProviderGate::deadlineEndsAHungRequest()
{
    m_server->failNext(Fault::Hang);
    GateLimits limits = quickLimits();
    limits.requestTimeout = 300ms;
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    QElapsedTimer clock;
    clock.start();
    const auto replies = sendAll(gate, m_server->baseUrl(), 2, 10000);
    QCOMPARE(replies.at(0)->error(), GateError::Timeout);
    QVERIFY(replies.at(0)->errorString().contains(QStringLiteral("0.3 s")));
    QVERIFY(clock.elapsed() >= 300);
    QVERIFY(clock.elapsed() < 3000);
    // The request behind it was not held up by the hung one for longer than the deadline.
    QCOMPARE(replies.at(1)->error(), GateError::None);
}

void TestProviderGate::truncatedAndMalformedBodiesReachTheCaller()
{
    m_server->failNext(Fault::MalformedJson);
    m_server->failNext(Fault::EmptyBody);
    m_server->failNext(Fault::Truncated, 5);
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    const auto replies = sendAll(gate, m_server->baseUrl(), 3, 10000);
    // The gate hands over what arrived; judging JSON is the parser's job.
    QCOMPARE(replies.at(0)->error(), GateError::None);
    QVERIFY(replies.at(0)->body().startsWith("{\"results\""));
    QCOMPARE(replies.at(1)->error(), GateError::None);
    QVERIFY(replies.at(1)->body().isEmpty());
    // A body cut short is a network failure, retried, then reported.
    QCOMPARE(replies.at(2)->error(), GateError::Network);
    QVERIFY(replies.at(2)->errorString().contains(QStringLiteral("cut its answer short")));
    QCOMPARE(replies.at(2)->attempts(), 5);
}

void TestProviderGate::cutAnswersAreRetriedThenFail_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::newRow("Content-Length not reached") << Fault::Truncated;
    QTest::newRow("chunked, closed before the last chunk") << Fault::ChunkedCut;
    QTest::newRow("deflated, closed half way") << Fault::CompressedCut;
}

void TestProviderGate::cutAnswersAreRetriedThenFail()
{
    QFETCH(Fault, fault);
    // Long and repetitive, so that half of it deflated inflates past the compressed length.
    QByteArray json = R"({"results": [)";
    for (int i = 0; i < 200; ++i)
        json += R"({"title": "Kind of Blue", "year": 1959},)";
    json += "{}]}";
    m_server->setHandler([json](const QHttpServerRequest &) { return FakeResponse {200, json}; });
    m_server->failNext(fault, 5);
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    const auto replies = sendAll(gate, m_server->baseUrl(), 1, 10000);
    QVERIFY(replies.first()->isFinished());
    QCOMPARE(replies.first()->error(), GateError::Network);
    QVERIFY2(replies.first()->errorString().contains(QStringLiteral("cut its answer short")),
             qPrintable(replies.first()->errorString()));
    QCOMPARE(replies.first()->attempts(), 5);
    QCOMPARE(m_server->requestCount(), 5);
}

void TestProviderGate::refusedRedirectsAreErrors_data()
{
    QTest::addColumn<bool>("authorized");
    QTest::addColumn<QByteArray>("body");
    const QByteArray message = R"({"message": "elsewhere"})";
    QTest::newRow("anonymous: Qt follows") << false << message;
    QTest::newRow("anonymous, empty body") << false << QByteArray();
    QTest::newRow("with a token: the gate follows") << true << message;
    QTest::newRow("with a token, empty body") << true << QByteArray();
}

void TestProviderGate::refusedRedirectsAreErrors()
{
    QFETCH(bool, authorized);
    QFETCH(QByteArray, body);
    const QUrl loop = m_server->baseUrl().resolved(QUrl(QStringLiteral("/loop")));
    m_server->setHandler([loop, body](const QHttpServerRequest &) {
        FakeResponse response {302, body};
        response.headers.append({"Location", loop.toEncoded()});
        return response;
    });
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    if (authorized) {
        gate.setAuthorizer(
            [](QNetworkRequest &request) { request.setRawHeader("Authorization", "Bearer t"); });
    }
    QNetworkRequest request(loop);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(2);
    std::unique_ptr<GateReply> reply(gate.get(request));
    QTRY_VERIFY(reply->isFinished());
    // A redirect answer is not the resource: the parser must never see its body.
    QCOMPARE(reply->error(), GateError::Network);
    QVERIFY2(reply->errorString().contains(QStringLiteral("redirect")),
             qPrintable(reply->errorString()));
    QCOMPARE(reply->attempts(), 1);
    // The first request and two redirects; Qt may send one again on a kept-alive connection,
    // but a retried attempt would add three more each time.
    QVERIFY2(m_server->requestCount() >= 3 && m_server->requestCount() <= 5,
             qPrintable(QString::number(m_server->requestCount())));
}

void TestProviderGate::authorizationStaysOnItsOrigin_data()
{
    QTest::addColumn<bool>("sameOrigin");
    QTest::newRow("to another host") << false;
    QTest::newRow("on the same host") << true;
}

void TestProviderGate::authorizationStaysOnItsOrigin()
{
    QFETCH(bool, sameOrigin);
    FakeServer other;
    QVERIFY(other.listen());
    FakeServer &target = sameOrigin ? *m_server : other;
    const QUrl next = target.baseUrl().resolved(QUrl(QStringLiteral("/next")));
    m_server->setHandler([next](const QHttpServerRequest &request) {
        if (request.url().path() == QLatin1String("/next"))
            return FakeResponse {200, R"({"here": true})"};
        FakeResponse response {302, {}};
        response.headers.append({"Location", next.toEncoded()});
        return response;
    });
    other.setHandler([](const QHttpServerRequest &) {
        return FakeResponse {200, R"({"here": true})"};
    });
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    gate.setAuthorizer(
        [](QNetworkRequest &request) { request.setRawHeader("Authorization", "Bearer secret"); });
    QNetworkRequest request(m_server->baseUrl().resolved(QUrl(QStringLiteral("/start"))));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    std::unique_ptr<GateReply> reply(gate.get(request));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), GateError::None);
    QCOMPARE(reply->body(), QByteArrayLiteral(R"({"here": true})"));
    QCOMPARE(target.requestPaths().last(), QByteArrayLiteral("/next"));
    QCOMPARE(target.lastHeader("Authorization"),
             sameOrigin ? QByteArrayLiteral("Bearer secret") : QByteArray());
}

void TestProviderGate::sendTimesStayBounded_data()
{
    QTest::addColumn<int>("rate");
    QTest::newRow("no rate of its own (Spotify, accounts, images)") << 0;
    QTest::newRow("a rate (Discogs, MusicBrainz)") << 1000;
}

void TestProviderGate::sendTimesStayBounded()
{
    QFETCH(int, rate);
    GateLimits limits = quickLimits();
    limits.requestsPerWindow = rate;
    limits.window = 50ms; // counted with a margin of 100 ms
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    sendAll(gate, m_server->baseUrl(), 30, 10000);
    QCOMPARE(gate.queueLength(), 0);
    // A slow answer, so the next request goes out well after every earlier one left the window.
    m_server->setLatency(300ms);
    sendAll(gate, m_server->baseUrl(), 1, 10000);
    m_server->setLatency(0ms);
    const auto last = sendAll(gate, m_server->baseUrl(), 1, 10000);
    QCOMPARE(last.first()->error(), GateError::None);
    QCOMPARE(m_server->requestCount(), 32);
    QCOMPARE(gate.trackedSendTimes(), 1);
}

void TestProviderGate::clientErrorsAreNotRetried()
{
    m_server->setHandler([](const QHttpServerRequest &) {
        return FakeResponse {404, R"({"message": "The requested resource was not found."})"};
    });
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    const auto replies = sendAll(gate, m_server->baseUrl(), 1, 10000);
    QCOMPARE(replies.first()->error(), GateError::ClientError);
    QCOMPARE(replies.first()->httpStatus(), 404);
    QCOMPARE(replies.first()->attempts(), 1);
    QVERIFY(replies.first()->body().contains("not found"));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestProviderGate::unauthorizedRefreshesOnce_data()
{
    QTest::addColumn<bool>("refreshWorks");
    QTest::newRow("refresh gives a valid token") << true;
    QTest::newRow("refresh fails") << false;
}

void TestProviderGate::unauthorizedRefreshesOnce()
{
    QFETCH(bool, refreshWorks);
    m_server->setHandler([](const QHttpServerRequest &request) {
        for (const auto &[key, value] : request.headers()) {
            if (key.compare("Authorization", Qt::CaseInsensitive) == 0 && value == "Bearer fresh")
                return FakeResponse {200, R"({"ok": true})"};
        }
        return FakeResponse {
            401, R"({"error": {"status": 401, "message": "The access token expired"}})"};
    });
    QByteArray token = "stale";
    int refreshes = 0;
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    gate.setAuthorizer([&token](QNetworkRequest &request) {
        request.setRawHeader("Authorization", "Bearer " + token);
    });
    gate.setTokenRefresher([&](const std::function<void(const QString &)> &done) {
        ++refreshes;
        if (refreshWorks)
            token = "fresh";
        done(refreshWorks ? QString() : QStringLiteral("The token cannot be renewed; reconnect."));
    });
    const auto replies = sendAll(gate, m_server->baseUrl(), 1, 10000);
    QCOMPARE(refreshes, 1);
    if (refreshWorks) {
        QCOMPARE(replies.first()->error(), GateError::None);
        QCOMPARE(replies.first()->attempts(), 2);
    } else {
        QCOMPARE(replies.first()->error(), GateError::Unauthorized);
        QVERIFY(replies.first()->errorString().contains(QStringLiteral("reconnect")));
        QCOMPARE(m_server->requestCount(), 1);
    }
}

void TestProviderGate::manyUnauthorizedShareOneRefresh()
{
    m_server->setHandler([](const QHttpServerRequest &request) {
        for (const auto &[key, value] : request.headers()) {
            if (key.compare("Authorization", Qt::CaseInsensitive) == 0 && value == "Bearer fresh")
                return FakeResponse {200, "{}"};
        }
        return FakeResponse {401, "{}"};
    });
    QByteArray token = "stale";
    int refreshes = 0;
    GateLimits limits = quickLimits();
    limits.maxInFlight = 5;
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    gate.setAuthorizer([&token](QNetworkRequest &request) {
        request.setRawHeader("Authorization", "Bearer " + token);
    });
    gate.setTokenRefresher([&](const std::function<void(const QString &)> &done) {
        ++refreshes;
        // Later, as a real token request would answer.
        QTimer::singleShot(50, &gate, [&token, done] {
            token = "fresh";
            done({});
        });
    });
    const auto replies = sendAll(gate, m_server->baseUrl(), 5, 10000);
    for (const auto &reply : replies)
        QCOMPARE(reply->error(), GateError::None);
    QCOMPARE(refreshes, 1);
    QCOMPARE(m_server->requestCount(), 10);
}

void TestProviderGate::staleCredentialsAreRenewedBeforeSending()
{
    QByteArray token;
    int refreshes = 0;
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    gate.setAuthorizer([&token](QNetworkRequest &request) {
        request.setRawHeader("Authorization", "Bearer " + token);
    });
    gate.setCredentialsCheck([&token] { return !token.isEmpty(); });
    gate.setTokenRefresher([&](const std::function<void(const QString &)> &done) {
        ++refreshes;
        token = "fresh";
        done({});
    });
    const auto replies = sendAll(gate, m_server->baseUrl(), 3, 10000);
    for (const auto &reply : replies) {
        QCOMPARE(reply->error(), GateError::None);
        QCOMPARE(reply->attempts(), 1);
    }
    QCOMPARE(refreshes, 1);
    QCOMPARE(m_server->lastHeader("Authorization"), QByteArrayLiteral("Bearer fresh"));
    QCOMPARE(m_server->requestCount(), 3);
}

void TestProviderGate::remainingZeroPausesAWindow()
{
    m_server->setHandler([this](const QHttpServerRequest &) {
        FakeResponse response {200, R"({})"};
        response.headers.append(qMakePair(QByteArrayLiteral("X-Discogs-Ratelimit-Remaining"),
                                          m_server->requestCount() == 1 ? QByteArrayLiteral("0")
                                                                        : QByteArrayLiteral("59")));
        return response;
    });
    GateLimits limits = quickLimits();
    limits.window = 700ms;
    limits.remainingHeader = "X-Discogs-Ratelimit-Remaining";
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    const auto replies = sendAll(gate, m_server->baseUrl(), 2, 10000);
    QCOMPARE(replies.at(1)->error(), GateError::None);
    QVERIFY(m_server->arrivals().at(1) - m_server->arrivals().at(0) >= 700);
}

void TestProviderGate::interactiveOvertakesQueuedBackground()
{
    m_server->setLatency(100ms);
    GateLimits limits = quickLimits();
    limits.maxInFlight = 2;
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    RequestGroup job;
    job.setPriority(GatePriority::Background);
    QList<std::shared_ptr<GateReply>> replies;
    for (int i = 0; i < 6; ++i) {
        QUrl url = m_server->baseUrl();
        url.setPath(QStringLiteral("/job/%1").arg(i));
        replies.append(std::shared_ptr<GateReply>(job.add(gate.get(QNetworkRequest(url)))));
    }
    QUrl search = m_server->baseUrl();
    search.setPath(QStringLiteral("/search"));
    replies.append(std::shared_ptr<GateReply>(gate.get(QNetworkRequest(search))));
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                         [](const auto &reply) { return reply->isFinished(); }),
                             10000);
    // The person's request went first although it was queued last; the job kept to one of the
    // two slots all along (one answer every 100 ms), the other staying free for a person.
    const QList<QByteArray> paths = m_server->requestPaths();
    QCOMPARE(paths.size(), 7);
    QCOMPARE(paths.first(), QByteArrayLiteral("/search"));
    const QList<qint64> arrivals = m_server->arrivals();
    for (int i = 2; i < arrivals.size(); ++i)
        QVERIFY2(arrivals.at(i) - arrivals.at(i - 1) >= 90,
                 qPrintable(QString::number(arrivals.at(i) - arrivals.at(i - 1))));
}

void TestProviderGate::backgroundLeavesAReserveOfTheWindow()
{
    GateLimits limits = quickLimits();
    limits.maxInFlight = 5;
    limits.requestsPerWindow = 10;
    limits.window = 1000ms;
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    QCOMPARE(ProviderGate::reservedForInteractive(10), 1);
    RequestGroup job;
    job.setPriority(GatePriority::Background);
    QList<std::shared_ptr<GateReply>> replies;
    for (int i = 0; i < 20; ++i) {
        QUrl url = m_server->baseUrl();
        url.setPath(QStringLiteral("/job/%1").arg(i));
        replies.append(std::shared_ptr<GateReply>(job.add(gate.get(QNetworkRequest(url)))));
    }
    // The job takes its nine of the window and waits for the next one ...
    QTRY_COMPARE(m_server->requestCount(), 9);
    QVERIFY(gate.queueLength() > 0);
    // ... while a person's request goes out at once, on the tenth.
    QElapsedTimer waited;
    waited.start();
    QUrl search = m_server->baseUrl();
    search.setPath(QStringLiteral("/search"));
    std::unique_ptr<GateReply> interactive(gate.get(QNetworkRequest(search)));
    QTRY_VERIFY(interactive->isFinished());
    QCOMPARE(interactive->error(), GateError::None);
    QVERIFY2(waited.elapsed() < 500, qPrintable(QString::number(waited.elapsed())));
    QCOMPARE(m_server->requestPaths().at(9), QByteArrayLiteral("/search"));
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                         [](const auto &reply) { return reply->isFinished(); }),
                             10000);
    // Within any window the job sent at most nine.
    const QList<qint64> arrivals = m_server->arrivals();
    const QList<QByteArray> paths = m_server->requestPaths();
    for (int i = 0; i < arrivals.size(); ++i) {
        int inWindow = 0;
        for (int j = i; j < arrivals.size() && arrivals.at(j) < arrivals.at(i) + 1000; ++j)
            inWindow += paths.at(j).startsWith("/job/") ? 1 : 0;
        QVERIFY2(inWindow <= 9, qPrintable(QString::number(inWindow)));
    }
}

void TestProviderGate::backgroundTakesTheReserveInteractiveRequestsUsed()
{
    // Five searches have used the window's reserve of three: the job may take all of the window
    // but one place (kept for the next search), so a person's searches cost the import what they
    // used and no more. Keeping the whole reserve free as well would leave the job 22, not 24.
    GateLimits limits = quickLimits();
    limits.maxInFlight = 5;
    limits.requestsPerWindow = 30;
    limits.window = 4000ms;
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    QCOMPARE(ProviderGate::reservedForInteractive(30), 3);
    QList<std::shared_ptr<GateReply>> searches;
    for (int i = 0; i < 5; ++i) {
        QUrl url = m_server->baseUrl();
        url.setPath(QStringLiteral("/search/%1").arg(i));
        searches.append(std::shared_ptr<GateReply>(gate.get(QNetworkRequest(url))));
    }
    QTRY_COMPARE(m_server->requestCount(), 5);
    RequestGroup job;
    job.setPriority(GatePriority::Background);
    QList<std::shared_ptr<GateReply>> replies;
    for (int i = 0; i < 40; ++i) {
        QUrl url = m_server->baseUrl();
        url.setPath(QStringLiteral("/job/%1").arg(i));
        replies.append(std::shared_ptr<GateReply>(job.add(gate.get(QNetworkRequest(url)))));
    }
    // Paced, the job's 24th goes out about three seconds in, within the first window.
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount() > 30, 15000);
    const QList<qint64> arrivals = m_server->arrivals();
    const auto inFirstWindow = std::count_if(arrivals.cbegin(), arrivals.cend(), [&](qint64 at) {
        return at < arrivals.first() + 4000;
    });
    QCOMPARE(inFirstWindow, 29);
    job.cancelAll();
    QTRY_VERIFY(std::all_of(replies.cbegin(), replies.cend(),
                            [](const auto &reply) { return reply->isFinished(); }));
    // The limit itself still holds: never more than thirty in any window.
    const QList<qint64> all = m_server->arrivals();
    for (int i = 0; i < all.size(); ++i) {
        const auto inWindow = std::count_if(all.cbegin() + i, all.cend(),
                                            [&](qint64 at) { return at < all.at(i) + 4000; });
        QVERIFY2(inWindow <= 30, qPrintable(QString::number(inWindow)));
    }
}

void TestProviderGate::remainingReserveHoldsOnlyBackground()
{
    // Discogs' own count says only the reserve is left: jobs wait for the next window, a person
    // does not.
    m_server->setHandler([this](const QHttpServerRequest &) {
        FakeResponse response {200, R"({})"};
        response.headers.append(qMakePair(QByteArrayLiteral("X-Discogs-Ratelimit-Remaining"),
                                          m_server->requestCount() == 1 ? QByteArrayLiteral("3")
                                                                        : QByteArrayLiteral("50")));
        return response;
    });
    GateLimits limits = quickLimits();
    limits.requestsPerWindow = 60;
    limits.window = 800ms;
    limits.remainingHeader = "X-Discogs-Ratelimit-Remaining";
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    QSignalSpy limited(&gate, &ProviderGate::rateLimited);
    RequestGroup job;
    job.setPriority(GatePriority::Background);
    QUrl first = m_server->baseUrl();
    first.setPath(QStringLiteral("/job/1"));
    std::unique_ptr<GateReply> one(job.add(gate.get(QNetworkRequest(first))));
    QTRY_VERIFY(one->isFinished());
    QCOMPARE(limited.count(), 1); // the job's wait shows in the Jobs panel
    QUrl second = first;
    second.setPath(QStringLiteral("/job/2"));
    std::unique_ptr<GateReply> two(job.add(gate.get(QNetworkRequest(second))));
    QUrl search = m_server->baseUrl();
    search.setPath(QStringLiteral("/search"));
    std::unique_ptr<GateReply> person(gate.get(QNetworkRequest(search)));
    QTRY_VERIFY(person->isFinished());
    QVERIFY(!two->isFinished());
    QTRY_VERIFY_WITH_TIMEOUT(two->isFinished(), 5000);
    const QList<qint64> arrivals = m_server->arrivals();
    QCOMPARE(m_server->requestPaths().at(1), QByteArrayLiteral("/search"));
    QVERIFY(arrivals.at(1) - arrivals.at(0) < 400);
    QVERIFY(arrivals.at(2) - arrivals.at(0) >= 800);
}

void TestProviderGate::cancelAllAbortsQueuedAndInFlight()
{
    m_server->setLatency(5000ms);
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    QList<std::shared_ptr<GateReply>> replies;
    for (int i = 0; i < 3; ++i)
        replies.append(std::shared_ptr<GateReply>(gate.get(QNetworkRequest(m_server->baseUrl()))));
    QTRY_COMPARE(m_server->requestCount(), 1);
    QCOMPARE(gate.queueLength(), 2);
    QElapsedTimer clock;
    clock.start();
    gate.cancelAll();
    gate.cancelAll(); // idempotent
    QTRY_VERIFY(std::all_of(replies.cbegin(), replies.cend(),
                            [](const auto &r) { return r->isFinished(); }));
    QVERIFY(clock.elapsed() < 1000);
    for (const auto &reply : replies)
        QCOMPARE(reply->error(), GateError::Cancelled);
    QCOMPARE(m_server->requestCount(), 1);
    QTRY_COMPARE(gate.inFlight(), 0);
}

void TestProviderGate::deletingAReplyCancelsIt()
{
    m_server->setLatency(300ms);
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), quickLimits());
    auto *first = gate.get(QNetworkRequest(m_server->baseUrl()));
    auto *second = gate.get(QNetworkRequest(m_server->baseUrl()));
    QSignalSpy secondDone(second, &GateReply::finished);
    delete first;
    QVERIFY(secondDone.wait());
    QCOMPARE(second->error(), GateError::None);
    QCOMPARE(m_server->requestCount(), 1);
    delete second;
}

void TestProviderGate::groupCancelsOnlyItsOwnRequests()
{
    m_server->setLatency(300ms);
    GateLimits limits = quickLimits();
    limits.maxInFlight = 2;
    ProviderGate gate(QStringLiteral("Fake"), m_network.get(), limits);
    RequestGroup import;
    RequestGroup search;
    QList<std::shared_ptr<GateReply>> importReplies;
    for (int i = 0; i < 3; ++i) {
        importReplies.append(
            std::shared_ptr<GateReply>(import.add(gate.get(QNetworkRequest(m_server->baseUrl())))));
    }
    std::shared_ptr<GateReply> searchReply(
        search.add(gate.get(QNetworkRequest(m_server->baseUrl()))));
    QTRY_VERIFY(m_server->requestCount() >= 1);
    QCOMPARE(import.pending(), 3);
    QCOMPARE(search.pending(), 1);

    import.cancelAll();
    QTRY_VERIFY(std::all_of(importReplies.cbegin(), importReplies.cend(),
                            [](const auto &r) { return r->isFinished(); }));
    for (const auto &reply : importReplies)
        QCOMPARE(reply->error(), GateError::Cancelled);
    QCOMPARE(import.pending(), 0);
    QTRY_VERIFY(searchReply->isFinished());
    QCOMPARE(searchReply->error(), GateError::None);
    QCOMPARE(search.pending(), 0);
}

QTEST_GUILESS_MAIN(TestProviderGate)
#include "tst_providergate.moc"
