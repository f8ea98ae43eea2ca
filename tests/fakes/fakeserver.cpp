#include "fakeserver.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace aime::fakes {

FakeServer::FakeServer(QObject *parent) : QObject(parent)
{
    m_handler = [this](const QHttpServerRequest &) {
        FakeResponse response;
        response.body = QJsonDocument(QJsonObject {{QStringLiteral("n"), m_requestCount}})
                            .toJson(QJsonDocument::Compact);
        return response;
    };
    m_server.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(request, std::move(responder));
        });
}

FakeServer::~FakeServer()
{
    close();
}

bool FakeServer::listen(quint16 port)
{
    m_port = m_server.listen(QHostAddress::LocalHost, port);
    m_clock.start();
    return m_port != 0;
}

QUrl FakeServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void FakeServer::setRateLimit(int requests, std::chrono::milliseconds window, int limitedStatus)
{
    m_rateLimit = requests;
    m_rateWindow = window;
    m_limitedStatus = limitedStatus;
}

void FakeServer::failNext(Fault fault, int count, int retryAfterSeconds)
{
    for (int i = 0; i < count; ++i)
        m_faults.push_back({fault, retryAfterSeconds});
}

void FakeServer::failWhen(std::function<bool(const QHttpServerRequest &)> matches, Fault fault,
                          int count, int retryAfterSeconds)
{
    m_conditionalFaults.append({std::move(matches), {fault, retryAfterSeconds}, count});
}

void FakeServer::clearFaults()
{
    m_faults.clear();
    m_conditionalFaults.clear();
}

bool FakeServer::Exchange::connected() const
{
    return socket && socket->state() == QAbstractSocket::ConnectedState;
}

void FakeServer::close()
{
    const auto pending = std::exchange(m_pending, {});
    for (const Exchange &exchange : pending) {
        if (exchange.connected())
            exchange.responder->write(QHttpServerResponder::StatusCode::ServiceUnavailable);
    }
}

QByteArray FakeServer::lastHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_lastHeaders) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void FakeServer::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    ++m_requestCount;
    const qint64 now = m_clock.elapsed();
    m_arrivals.append(now);
    m_paths.append(request.url().path(QUrl::FullyEncoded).toUtf8()
                   + (request.url().hasQuery()
                          ? "?" + request.url().query(QUrl::FullyEncoded).toUtf8()
                          : QByteArray()));
    m_lastHeaders = request.headers();
    const QPointer<QTcpSocket> socket = responder.socket();
    const Exchange shared {std::make_shared<QHttpServerResponder>(std::move(responder)), socket};

    if (m_rateLimit > 0) {
        while (!m_window.empty() && m_window.front() <= now - m_rateWindow.count())
            m_window.pop_front();
        m_window.push_back(now);
        m_maxPerWindowSeen = qMax(m_maxPerWindowSeen, int(m_window.size()));
        if (int(m_window.size()) > m_rateLimit) {
            ++m_limitedCount;
            const qint64 retryMs = m_window.front() + m_rateWindow.count() - now;
            FakeResponse limited;
            limited.status = m_limitedStatus;
            limited.body = m_limitedBody.isEmpty()
                ? QByteArray(R"({"message": "You are making requests too quickly."})")
                : m_limitedBody;
            limited.headers.append({"Retry-After", QByteArray::number((retryMs + 999) / 1000)});
            answer(shared, limited);
            return;
        }
    }
    if (m_maxInFlight > 0 && m_inFlight >= m_maxInFlight) {
        ++m_limitedCount;
        FakeResponse limited;
        limited.status = m_limitedStatus;
        limited.body = m_limitedBody.isEmpty()
            ? QByteArray(R"({"message": "Too many concurrent requests."})")
            : m_limitedBody;
        answer(shared, limited);
        return;
    }

    for (auto it = m_conditionalFaults.begin(); it != m_conditionalFaults.end(); ++it) {
        if (it->remaining > 0 && it->matches(request)) {
            --it->remaining;
            const Scheduled fault = it->fault;
            answerFault(shared, fault, request);
            return;
        }
    }
    if (!m_faults.empty()) {
        const Scheduled fault = m_faults.front();
        m_faults.pop_front();
        answerFault(shared, fault, request);
        return;
    }

    const FakeResponse response = m_handler(request);
    if (m_latency.count() <= 0) {
        answer(shared, response);
        return;
    }
    ++m_inFlight;
    m_maxInFlightSeen = qMax(m_maxInFlightSeen, m_inFlight);
    m_pending.append(shared);
    QTimer::singleShot(m_latency, this, [this, shared, response] {
        --m_inFlight;
        const auto isThis
            = [&shared](const Exchange &e) { return e.responder == shared.responder; };
        if (!m_pending.removeIf(isThis))
            return; // answered by close()
        answer(shared, response);
    });
}

void FakeServer::answer(const Exchange &exchange, const FakeResponse &response)
{
    if (!exchange.connected())
        return;
    QHttpServerResponder *responder = exchange.responder.get();
    responder->writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    for (const auto &[key, value] : response.headers)
        responder->writeHeader(key, value);
    responder->writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder->writeBody(response.body);
}

void FakeServer::answerFault(const Exchange &exchange, const Scheduled &fault,
                             const QHttpServerRequest &request)
{
    if (!exchange.connected())
        return;
    QHttpServerResponder *responder = exchange.responder.get();
    FakeResponse response;
    switch (fault.fault) {
    case Fault::Status500:
        response.status = 500;
        response.body = R"({"message": "Internal server error"})";
        break;
    case Fault::Status404:
        response.status = 404;
        response.body = R"({"message": "The requested resource was not found."})";
        break;
    case Fault::Status429:
    case Fault::Status503:
        response.status = fault.fault == Fault::Status429 ? 429 : 503;
        response.body = R"({"message": "You are making requests too quickly."})";
        if (fault.retryAfterSeconds >= 0)
            response.headers.append({"Retry-After", QByteArray::number(fault.retryAfterSeconds)});
        break;
    case Fault::Hang:
        m_pending.append(exchange);
        return;
    case Fault::Truncated:
        responder->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
        responder->writeHeader("Content-Type", "application/json");
        responder->writeHeader("Content-Length", "4096");
        responder->writeBody(R"({"results": [{"title": "Kind of)");
        exchange.socket->disconnectFromHost();
        return;
    case Fault::ChunkedCut: {
        // No Content-Length to compare with: only the missing last chunk says it is cut.
        const FakeResponse whole = m_handler(request);
        const QByteArray half = whole.body.left(qMax<qsizetype>(1, whole.body.size() / 2));
        responder->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
        for (const auto &[key, value] : whole.headers)
            responder->writeHeader(key, value);
        responder->writeHeader("Transfer-Encoding", "chunked");
        responder->writeBody(
            QByteArray(QByteArray::number(half.size(), 16) + "\r\n" + half + "\r\n"));
        exchange.socket->disconnectFromHost();
        return;
    }
    case Fault::CompressedCut: {
        // Content-Length counts compressed bytes: the half that arrives can inflate to more
        // than the length promised, so comparing the two does not tell that it is cut.
        const FakeResponse whole = m_handler(request);
        // qCompress gives a 4-byte length, then the zlib stream that "deflate" names.
        const QByteArray deflated = qCompress(whole.body).mid(4);
        responder->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
        for (const auto &[key, value] : whole.headers)
            responder->writeHeader(key, value);
        responder->writeHeader("Content-Encoding", "deflate");
        responder->writeHeader("Content-Length", QByteArray::number(deflated.size()));
        responder->writeBody(deflated.left(deflated.size() / 2));
        exchange.socket->disconnectFromHost();
        return;
    }
    case Fault::Reset:
        exchange.socket->abort();
        return;
    case Fault::MalformedJson:
        response.body = R"({"results": [{"title": "Kind of Blue",)";
        break;
    case Fault::EmptyBody:
        response.body.clear();
        break;
    }
    answer(exchange, response);
}

} // namespace aime::fakes
