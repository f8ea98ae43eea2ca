#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QUrl>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>

namespace aime::fakes {

// What a fake answers for one request: status, headers, body.
struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers {{"Content-Type", "application/json"}};
};

enum class Fault {
    Status500,
    Status404, // the resource is gone (a release removed since it was collected)
    Status429, // with Retry-After when retryAfterSeconds >= 0
    Status503, // with Retry-After when retryAfterSeconds >= 0
    Hang, // never answers
    Truncated, // promises more bytes than it sends, then closes
    // The first half of the handler's answer (an image stays an image to a magic-number check):
    ChunkedCut, // chunked, closed before the last chunk
    CompressedCut, // deflated, with the compressed Content-Length, closed half way
    Reset, // closes the connection without an answer
    MalformedJson, // 200 with a body that is not JSON
    EmptyBody, // 200 with no body
};

// A real HTTP server on 127.0.0.1 (QHttpServer) that the provider fakes build on. It enforces
// limits strictly, as the real services do (over the rate or the concurrency: 429, or 503 for
// MusicBrainz), records what clients did (so tests can assert they never went over), and
// injects faults on demand. Answers can be delayed without blocking (latency).
class FakeServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<FakeResponse(const QHttpServerRequest &)>;

    explicit FakeServer(QObject *parent = nullptr);
    ~FakeServer() override;

    // Listens on 127.0.0.1, on `port` or a free one when 0; false if it cannot.
    bool listen(quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;

    // What every request not taken by a fault gets; by default {"n": <request number>}.
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setLatency(std::chrono::milliseconds latency) { m_latency = latency; }
    // Strict limits: more than `requests` arrivals within any `window`, or more than
    // `maxInFlight` answers pending at once, get `limitedStatus` at once.
    void setRateLimit(int requests, std::chrono::milliseconds window, int limitedStatus = 429);
    // The configured limit (0: none) and its window.
    int rateLimit() const { return m_rateLimit; }
    std::chrono::milliseconds rateWindow() const { return m_rateWindow; }
    // The body of the answers the limits give; empty (the default): a JSON {"message": ...} that
    // names the limit. MusicBrainz answers its 503 with its own {"error": ...} body.
    void setLimitedBody(QByteArray body) { m_limitedBody = std::move(body); }
    void setMaxInFlight(int maxInFlight) { m_maxInFlight = maxInFlight; }
    // The next `count` requests get `fault` instead of the handler's answer.
    void failNext(Fault fault, int count = 1, int retryAfterSeconds = -1);
    // The next `count` requests for which `matches` is true (e.g. one page of a list) get
    // `fault`; other requests are answered as usual.
    void failWhen(std::function<bool(const QHttpServerRequest &)> matches, Fault fault,
                  int count = 1, int retryAfterSeconds = -1);
    // Forgets the faults of failNext() and failWhen() not used up yet.
    void clearFaults();
    // Answers every pending (hanging or delayed) request with 503. The server keeps listening
    // (QHttpServer 6.4 cannot stop); a test that needs a port nobody listens on binds and closes
    // a QTcpServer of its own.
    void close();

    int requestCount() const { return m_requestCount; }
    int limitedCount() const { return m_limitedCount; }
    int maxInFlightSeen() const { return m_maxInFlightSeen; }
    // The most arrivals seen within any one window of the configured rate limit.
    int maxPerWindowSeen() const { return m_maxPerWindowSeen; }
    // Milliseconds since listen() of every arrival, in order.
    const QList<qint64> &arrivals() const { return m_arrivals; }
    QList<QByteArray> requestPaths() const { return m_paths; }
    QByteArray lastHeader(const QByteArray &name) const;

private:
    struct Scheduled
    {
        Fault fault;
        int retryAfterSeconds;
    };
    // QHttpServer deletes a connection's socket when the client goes away while the responder
    // keeps a raw pointer to it; the QPointer says whether it is still there.
    struct Exchange
    {
        std::shared_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;

        bool connected() const;
    };
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void answer(const Exchange &exchange, const FakeResponse &response);
    void answerFault(const Exchange &exchange, const Scheduled &fault,
                     const QHttpServerRequest &request);

    QHttpServer m_server;
    quint16 m_port = 0;
    Handler m_handler;
    std::chrono::milliseconds m_latency {0};
    int m_rateLimit = 0;
    std::chrono::milliseconds m_rateWindow {1000};
    int m_limitedStatus = 429;
    QByteArray m_limitedBody;
    int m_maxInFlight = 0;
    std::deque<Scheduled> m_faults;
    struct Conditional
    {
        std::function<bool(const QHttpServerRequest &)> matches;
        Scheduled fault;
        int remaining;
    };
    QList<Conditional> m_conditionalFaults;
    QList<Exchange> m_pending;
    QElapsedTimer m_clock;
    std::deque<qint64> m_window;
    QList<qint64> m_arrivals;
    QList<QByteArray> m_paths;
    QList<QPair<QByteArray, QByteArray>> m_lastHeaders;
    int m_requestCount = 0;
    int m_limitedCount = 0;
    int m_inFlight = 0;
    int m_maxInFlightSeen = 0;
    int m_maxPerWindowSeen = 0;
};

} // namespace aime::fakes
