#include "providers/providergate.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcGate, "aime.providers.gate", QtInfoMsg)

namespace aime {

namespace {

// Retry-After is either seconds or an HTTP date (RFC 9110 section 10.2.3).
qint64 retryAfterMs(const QByteArray &value)
{
    if (value.isEmpty())
        return -1;
    bool isNumber = false;
    const double seconds = value.trimmed().toDouble(&isNumber);
    if (isNumber)
        return qMax<qint64>(0, qint64(seconds * 1000));
    const QDateTime when
        = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

bool isRetryableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return true;
    default:
        return false;
    }
}

// Scheme, host and port: what a browser would call the same site for credentials.
bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &url) {
        return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80;
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

bool isDowngrade(const QUrl &from, const QUrl &to)
{
    return from.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0
        && to.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0;
}

} // namespace

ProviderGate::ProviderGate(QString name, QNetworkAccessManager *network, GateLimits limits,
                           QObject *parent)
    : QObject(parent),
      m_name(std::move(name)),
      m_network(network),
      m_limits(limits),
      m_slots(qMax(1, limits.maxInFlight))
{
    m_clock.start();
    m_pumpTimer.setSingleShot(true);
    m_pumpTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pumpTimer, &QTimer::timeout, this, &ProviderGate::pump);
}

ProviderGate::~ProviderGate()
{
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
    }
    m_inFlight.clear();
}

void ProviderGate::setRate(int requestsPerWindow, std::chrono::milliseconds window)
{
    m_limits.requestsPerWindow = requestsPerWindow;
    m_limits.window = window;
    schedulePump(0);
}

GateReply *ProviderGate::get(const QNetworkRequest &request)
{
    return send(QByteArrayLiteral("GET"), request);
}

GateReply *ProviderGate::send(const QByteArray &verb, const QNetworkRequest &request,
                              const QByteArray &body)
{
    auto *reply = new GateReply(this, request);
    auto pending = std::make_shared<Pending>();
    pending->reply = reply;
    pending->verb = verb;
    pending->request = request;
    pending->body = body;
    pending->background
        = request.attribute(priorityAttribute, int(GatePriority::Interactive)).toInt()
        == int(GatePriority::Background);
    m_queue.push_back(pending);
    Q_EMIT queueChanged(queueLength(), inFlight());
    // From the event loop, so a caller can connect to finished() before anything happens.
    schedulePump(0);
    return reply;
}

GateReply *ProviderGate::refuse(const QNetworkRequest &request, GateError error,
                                const QString &message)
{
    auto *reply = new GateReply(this, request);
    auto pending = std::make_shared<Pending>();
    pending->reply = reply;
    pending->request = request;
    complete(pending, error, message);
    return reply;
}

void ProviderGate::cancelAll()
{
    const std::deque<PendingPtr> queued = std::exchange(m_queue, {});
    for (const PendingPtr &pending : queued)
        complete(pending, GateError::Cancelled, tr("Cancelled."));
    const auto inFlight = m_inFlight;
    for (auto it = inFlight.begin(); it != inFlight.end(); ++it) {
        it.value()->cancelled = true;
        it.key()->abort();
    }
    Q_EMIT queueChanged(queueLength(), this->inFlight());
}

void ProviderGate::cancelReply(GateReply *reply)
{
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if ((*it)->reply == reply) {
            const PendingPtr pending = *it;
            m_queue.erase(it);
            complete(pending, GateError::Cancelled, tr("Cancelled."));
            Q_EMIT queueChanged(queueLength(), inFlight());
            return;
        }
    }
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        if (it.value()->reply == reply) {
            it.value()->cancelled = true;
            it.key()->abort();
            return;
        }
    }
}

void ProviderGate::reprioritize(GateReply *reply, GatePriority priority)
{
    const bool background = priority == GatePriority::Background;
    for (const PendingPtr &pending : m_queue) {
        if (pending->reply == reply) {
            if (pending->background != background) {
                pending->background = background;
                schedulePump(0);
            }
            return;
        }
    }
}

int ProviderGate::reservedForInteractive(int requestsPerWindow)
{
    return requestsPerWindow <= 1 ? 0 : qMax(1, requestsPerWindow / 10);
}

int ProviderGate::backgroundSlots() const
{
    const int total = qMax(1, m_limits.maxInFlight);
    return total > 1 ? total - 1 : 1;
}

int ProviderGate::backgroundInFlight() const
{
    return int(std::count_if(m_inFlight.cbegin(), m_inFlight.cend(),
                             [](const PendingPtr &pending) { return pending->background; }));
}

double ProviderGate::backgroundTokens(qint64 now) const
{
    const int share
        = m_limits.requestsPerWindow - reservedForInteractive(m_limits.requestsPerWindow);
    // A burst only into a window that has room for it; once the window fills, requests go out
    // evenly, or the burst would return every window as the requests it sent leave together, and
    // a search arriving between two such bursts would wait for the next.
    const double capacity = qMax(1, share / 2 - int(m_sentAt.size()));
    const double span = double(m_limits.window.count() + windowMarginMs());
    if (m_backgroundTokens < 0)
        m_backgroundTokens = capacity;
    else
        m_backgroundTokens
            = qMin(capacity, m_backgroundTokens + (now - m_backgroundTokensAtMs) * share / span);
    m_backgroundTokensAtMs = now;
    return m_backgroundTokens;
}

qint64 ProviderGate::backgroundWaitMs(qint64 now) const
{
    qint64 wait = qMax<qint64>(0, m_backgroundPausedUntilMs - now);
    if (m_limits.requestsPerWindow <= 0)
        return wait;
    const int reserve = reservedForInteractive(m_limits.requestsPerWindow);
    const int share = m_limits.requestsPerWindow - reserve;
    const qint64 span = m_limits.window.count() + windowMarginMs();
    // The reserve is kept for interactive requests that have not come yet: those already in the
    // window have used it, and the rest of the window is the job's, less one place so the next
    // search need not wait for a request to leave the window.
    const int reserveLeft = qMax(qMin(1, reserve), reserve - int(m_interactiveSentAt.size()));
    const int room = m_limits.requestsPerWindow - reserveLeft;
    if (qsizetype(m_sentAt.size()) >= room)
        wait = qMax(wait, m_sentAt.at(m_sentAt.size() - room) + span - now);
    const double tokens = backgroundTokens(now);
    if (tokens < 1)
        wait = qMax(wait, qint64(std::ceil((1 - tokens) * double(span) / share)));
    return wait;
}

qint64 ProviderGate::windowMarginMs() const
{
    // A strict server counting exactly `window` must never see one request too many, whatever
    // the jitter between our clock and its arrival times.
    // 100 ms covers scheduling jitter on a loaded machine; 1 % keeps a one-minute window (Discogs)
    // within 1.01 times the fastest pace the limit allows.
    return qMax<qint64>(100, m_limits.window.count() / 100);
}

void ProviderGate::pruneWindow(qint64 now)
{
    const qint64 span = m_limits.window.count() + windowMarginMs();
    while (!m_sentAt.empty() && m_sentAt.front() <= now - span)
        m_sentAt.pop_front();
    while (!m_interactiveSentAt.empty() && m_interactiveSentAt.front() <= now - span)
        m_interactiveSentAt.pop_front();
}

qint64 ProviderGate::currentWaitMs() const
{
    const qint64 now = m_clock.elapsed();
    qint64 wait = qMax<qint64>(0, m_pausedUntilMs - now);
    if (m_limits.requestsPerWindow > 0
        && qsizetype(m_sentAt.size()) >= m_limits.requestsPerWindow) {
        const qint64 span = m_limits.window.count() + windowMarginMs();
        const qint64 slotFree = m_sentAt.at(m_sentAt.size() - m_limits.requestsPerWindow) + span;
        wait = qMax(wait, slotFree - now);
    }
    return wait;
}

void ProviderGate::schedulePump(qint64 delayMs)
{
    delayMs = qMax<qint64>(0, delayMs);
    if (m_pumpTimer.isActive() && m_pumpTimer.remainingTime() <= delayMs)
        return;
    m_pumpTimer.start(int(qMin<qint64>(delayMs, std::numeric_limits<int>::max())));
}

void ProviderGate::pump()
{
    for (;;) {
        if (m_queue.empty())
            return;
        const qint64 now = m_clock.elapsed();
        if (now < m_pausedUntilMs) {
            schedulePump(m_pausedUntilMs - now);
            return;
        }
        if (m_limits.requestsPerWindow > 0)
            pruneWindow(now);
        // The first interactive request that is due, else the first background one that may go
        // (within its share of the window and its slots); retries wait for their own time.
        const qint64 backgroundWait = backgroundWaitMs(now);
        const bool backgroundMayGo
            = backgroundWait == 0 && backgroundInFlight() < backgroundSlots();
        auto due = m_queue.end();
        qint64 earliest = std::numeric_limits<qint64>::max();
        for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
            const Pending &candidate = **it;
            if (candidate.notBeforeMs > now) {
                earliest = qMin(earliest, candidate.notBeforeMs);
                continue;
            }
            if (!candidate.background) {
                due = it;
                break;
            }
            if (backgroundMayGo && due == m_queue.end())
                due = it;
            else if (backgroundWait > 0)
                earliest = qMin(earliest, now + backgroundWait);
            // else: a finishing background request pumps again
        }
        if (due == m_queue.end()) {
            if (earliest != std::numeric_limits<qint64>::max())
                schedulePump(earliest - now);
            return;
        }
        if (m_refreshing)
            return; // the refresh pumps when it is done
        if (credentialsNeedRefresh()) {
            startRefresh();
            return;
        }
        if (m_limits.requestsPerWindow > 0) {
            if (qsizetype(m_sentAt.size()) >= m_limits.requestsPerWindow) {
                schedulePump(currentWaitMs());
                return;
            }
        }
        if (!m_slots.tryAcquire())
            return; // a finishing request pumps again
        const PendingPtr pending = *due;
        m_queue.erase(due);
        dispatch(pending);
    }
}

bool ProviderGate::credentialsNeedRefresh() const
{
    return m_refresher && (m_credentialsStale || (m_credentialsReady && !m_credentialsReady()));
}

void ProviderGate::startRefresh()
{
    m_refreshing = true;
    m_credentialsStale = false;
    QPointer<ProviderGate> self(this);
    m_refresher([self](const QString &problem) {
        if (!self || !self->m_refreshing)
            return;
        self->m_refreshing = false;
        ++self->m_credentialGeneration;
        const bool usable
            = problem.isEmpty() && (!self->m_credentialsReady || self->m_credentialsReady());
        if (usable) {
            self->schedulePump(0);
            return;
        }
        // Nothing queued can go out without credentials.
        const QString message = problem.isEmpty()
            ? tr("%1 refused the credentials; reconnect the account.").arg(self->m_name)
            : problem;
        const std::deque<PendingPtr> queued = std::exchange(self->m_queue, {});
        for (const PendingPtr &pending : queued)
            self->complete(pending, GateError::Unauthorized, message);
        Q_EMIT self->queueChanged(self->queueLength(), self->inFlight());
    });
}

void ProviderGate::dispatch(const PendingPtr &pending)
{
    const qint64 now = m_clock.elapsed();
    const bool firstHop = pending->hopUrl.isEmpty();
    QNetworkRequest request = pending->request;
    if (firstHop) {
        ++pending->attempts;
        pending->credentialGeneration = m_credentialGeneration;
        pending->deadlineMs = now + m_limits.requestTimeout.count();
        pending->redirectPolicy = QNetworkRequest::RedirectPolicy(
            request
                .attribute(QNetworkRequest::RedirectPolicyAttribute,
                           int(m_network->redirectPolicy()))
                .toInt());
        pending->redirectsLeft = request.maximumRedirectsAllowed();
        if (m_authorizer)
            m_authorizer(request);
    } else {
        request.setUrl(pending->hopUrl);
        request.setMaximumRedirectsAllowed(pending->redirectsLeft);
        // What the caller set went to the origin it chose, not necessarily to this one.
        request.setRawHeader("Authorization", QByteArray());
        if (m_authorizer && m_credentialScope && m_credentialScope(pending->hopUrl))
            m_authorizer(request);
    }
    // Qt 6.4 hands over a gzip or deflate answer cut half way as complete (no error, and it drops
    // the Content-Length it would be checked against); uncompressed, a cut is always seen.
    if (!request.hasRawHeader("Accept-Encoding"))
        request.setRawHeader("Accept-Encoding", "identity");
    const bool gateFollows = request.hasRawHeader("Authorization")
        && pending->redirectPolicy != QNetworkRequest::ManualRedirectPolicy
        && pending->redirectPolicy != QNetworkRequest::UserVerifiedRedirectPolicy;
    if (gateFollows) {
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::UserVerifiedRedirectPolicy);
    }
    QNetworkReply *reply = pending->body.isEmpty() && pending->verb == "GET"
        ? m_network->get(request)
        : m_network->sendCustomRequest(request, pending->verb, pending->body);
    // Only the provider's own requests count against its rate; a hop elsewhere does not.
    if (firstHop)
        m_sentAt.push_back(now);
    if (firstHop && pending->background && m_limits.requestsPerWindow > 0)
        m_backgroundTokens = backgroundTokens(now) - 1;
    else if (firstHop && m_limits.requestsPerWindow > 0)
        m_interactiveSentAt.push_back(now);
    // Pruned here too, not only when a rate is set, so a gate without one keeps a window's worth.
    pruneWindow(now);
    pending->currentUrl = request.url();
    m_inFlight.insert(reply, pending);
    m_maxInFlightSeen = qMax(m_maxInFlightSeen, inFlight());

    // QNetworkRequest's transfer timeout only fires on silence; a server that trickles bytes
    // forever needs a deadline of its own.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [pending, reply] {
        pending->timedOut = true;
        reply->abort();
    });
    deadline->start(int(qMax<qint64>(0, pending->deadlineMs - now)));
    if (gateFollows) {
        connect(reply, &QNetworkReply::redirected, this,
                [this, reply, pending](const QUrl &url) { onRedirected(reply, pending, url); });
    }
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReplyFinished(reply); });
    Q_EMIT queueChanged(queueLength(), inFlight());
}

void ProviderGate::onRedirected(QNetworkReply *reply, const PendingPtr &pending, const QUrl &url)
{
    // The reply already names the new address; the hop it left is ours to remember.
    const QUrl from = pending->currentUrl;
    const QUrl to = from.resolved(url);
    --pending->redirectsLeft;
    QString refused;
    if (isDowngrade(from, to)) {
        refused = tr("%1 redirected to an unencrypted address (%2); AIME does not follow it.")
                      .arg(m_name, to.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo));
    } else if (!sameOrigin(from, to)
               && pending->redirectPolicy == QNetworkRequest::SameOriginRedirectPolicy) {
        refused = tr("%1 redirected to %2, another site; AIME does not follow it.")
                      .arg(m_name, to.host());
    } else if (!sameOrigin(from, to) && pending->verb != "GET") {
        // Resending a body elsewhere, or turning it into a GET, is the caller's call.
        refused = tr("%1 redirected a request to %2, another site; AIME does not follow it.")
                      .arg(m_name, to.host());
    }
    if (refused.isEmpty() && sameOrigin(from, to)) {
        // The credentials stay on the origin they were given for.
        pending->currentUrl = to;
        Q_EMIT reply->redirectAllowed();
        return;
    }
    if (refused.isEmpty())
        pending->redirectTo = to;
    else
        pending->redirectRefused = refused;
    // From the event loop: aborting finishes the reply, which must not happen inside its signal.
    QTimer::singleShot(0, reply, [reply] { reply->abort(); });
}

qint64 ProviderGate::backoffMs(int attempt) const
{
    const qint64 base = m_limits.initialBackoff.count() << qMin(attempt - 1, 20);
    const qint64 capped = qMin<qint64>(base, m_limits.maxBackoff.count());
    // +-25 % so that many clients (or many requests) do not come back in step.
    const double jitter = 0.75 + QRandomGenerator::global()->generateDouble() * 0.5;
    return qint64(double(capped) * jitter);
}

void ProviderGate::retryLater(const PendingPtr &pending, qint64 delayMs, bool front)
{
    pending->notBeforeMs = m_clock.elapsed() + delayMs;
    if (front)
        m_queue.push_front(pending);
    else
        m_queue.push_back(pending);
}

void ProviderGate::onReplyFinished(QNetworkReply *reply)
{
    const PendingPtr pending = m_inFlight.take(reply);
    reply->deleteLater();
    if (pending && pending->redirectTo.isValid() && !pending->cancelled && !pending->timedOut
        && pending->reply) {
        // The next hop takes over this one's slot.
        pending->hopUrl = std::exchange(pending->redirectTo, {});
        dispatch(pending);
        return;
    }
    m_slots.release();
    if (!pending) {
        pump();
        return;
    }
    const qint64 now = m_clock.elapsed();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError networkError = reply->error();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    // A connection closed before the promised Content-Length arrived is a failed transfer,
    // whatever the network stack made of it. Without a length (chunked) or with one that counts
    // compressed bytes, only the network error tells: a success status does not make the
    // answer complete.
    bool lengthOk = false;
    const qint64 promised
        = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&lengthOk);
    const bool truncated = (status > 0 && lengthOk && body.size() < promised)
        || (status >= 200 && status < 300 && networkError != QNetworkReply::NoError);
    // A redirect the network stack or the gate would not follow: its body is not the resource.
    // (Qt 6.4 reports HTTP 100 for a loop it stopped under the user-verified policy.)
    const bool redirectFailed = networkError == QNetworkReply::TooManyRedirectsError
        || networkError == QNetworkReply::InsecureRedirectError
        || (status >= 300 && status < 400 && networkError != QNetworkReply::NoError)
        || !pending->redirectRefused.isEmpty();
    pending->hopUrl.clear();

    if (!m_limits.remainingHeader.isEmpty() && reply->hasRawHeader(m_limits.remainingHeader)) {
        bool ok = false;
        const int remaining = reply->rawHeader(m_limits.remainingHeader).trimmed().toInt(&ok);
        // When AIME's own count explains the provider's, AIME's window already waits exactly
        // as long as the provider requires (until its oldest request leaves). Only a count AIME
        // cannot explain (another program using the token) costs a whole window.
        const int reserve = reservedForInteractive(m_limits.requestsPerWindow);
        const auto explained = [this](int used) {
            return m_limits.requestsPerWindow > 0 && qsizetype(m_sentAt.size()) >= used;
        };
        if (ok && remaining <= 0 && !explained(m_limits.requestsPerWindow)) {
            m_pausedUntilMs = qMax(m_pausedUntilMs, now + m_limits.window.count());
            Q_EMIT rateLimited(m_limits.window.count());
        } else if (ok && remaining <= reserve && !explained(m_limits.requestsPerWindow - reserve)) {
            // What is left of the provider's window is the person's; jobs wait for the next.
            m_backgroundPausedUntilMs
                = qMax(m_backgroundPausedUntilMs, now + m_limits.window.count());
            Q_EMIT rateLimited(m_limits.window.count());
        } else if (ok && remaining <= reserve) {
            // The jobs' own share is full: their wait shows in the Jobs panel all the same.
            Q_EMIT rateLimited(backgroundWaitMs(now));
        }
    }

    if (pending->cancelled || !pending->reply) {
        complete(pending, GateError::Cancelled, tr("Cancelled."));
    } else if (pending->timedOut) {
        complete(pending, GateError::Timeout,
                 tr("%1 gave no complete answer within %2 s.")
                     .arg(m_name)
                     .arg(double(m_limits.requestTimeout.count()) / 1000.0));
    } else if (redirectFailed) {
        QString message = std::exchange(pending->redirectRefused, {});
        if (message.isEmpty() && networkError == QNetworkReply::TooManyRedirectsError)
            message = tr("%1 redirected too many times; AIME gave up.").arg(m_name);
        else if (message.isEmpty() && networkError == QNetworkReply::InsecureRedirectError)
            message = tr("%1 redirected to an unencrypted address; AIME does not follow it.")
                          .arg(m_name);
        else if (message.isEmpty())
            message
                = tr("Cannot follow the redirect from %1: %2").arg(m_name, reply->errorString());
        complete(pending, GateError::Network, message, reply);
    } else if (status == 429 || status == 503) {
        ++pending->rateLimitedAttempts;
        qint64 wait = retryAfterMs(reply->rawHeader("Retry-After"));
        if (wait < 0)
            wait = backoffMs(pending->rateLimitedAttempts);
        if (pending->rateLimitedAttempts > m_limits.maxRateLimitRetries) {
            complete(pending, GateError::RateLimited,
                     tr("%1 is still rate limiting after %2 tries.")
                         .arg(m_name)
                         .arg(pending->rateLimitedAttempts),
                     reply, body);
        } else {
            // The limit is the provider's, not this request's: everything waits.
            m_pausedUntilMs = qMax(m_pausedUntilMs, now + wait);
            qCInfo(lcGate).noquote() << m_name << "rate limited, waiting" << wait << "ms";
            Q_EMIT rateLimited(wait);
            retryLater(pending, wait, true);
        }
    } else if (status >= 500 || truncated
               || (status == 0 && isRetryableNetworkError(networkError))) {
        const int retriesDone = pending->attempts - pending->rateLimitedAttempts - 1;
        const int maxRetries
            = pending->request.attribute(maxRetriesAttribute, m_limits.maxRetries).toInt();
        if (retriesDone >= maxRetries) {
            const bool serverError = status >= 500 && !truncated;
            complete(pending, serverError ? GateError::ServerError : GateError::Network,
                     truncated ? tr("%1 cut its answer short (tried %2 times).")
                                     .arg(m_name)
                                     .arg(pending->attempts)
                         : serverError ? tr("%1 answered HTTP %2 (tried %3 times).")
                                             .arg(m_name)
                                             .arg(status)
                                             .arg(pending->attempts)
                                       : tr("Cannot reach %1: %2 (tried %3 times).")
                                             .arg(m_name, reply->errorString())
                                             .arg(pending->attempts),
                     reply, body);
        } else {
            retryLater(pending, backoffMs(retriesDone + 1), true);
        }
    } else if (status == 401) {
        if (m_refresher && !pending->refreshed) {
            pending->refreshed = true;
            // Several requests can come back 401 on the same token; one refresh serves them all.
            if (!m_refreshing && pending->credentialGeneration == m_credentialGeneration)
                m_credentialsStale = true;
            retryLater(pending, 0, true);
        } else {
            complete(pending, GateError::Unauthorized,
                     tr("%1 refused the credentials; reconnect the account.").arg(m_name), reply,
                     body);
        }
    } else if (status >= 400) {
        complete(pending, GateError::ClientError,
                 tr("%1 answered HTTP %2.").arg(m_name).arg(status), reply, body);
    } else if (status == 0) {
        complete(pending, GateError::Network,
                 tr("Cannot reach %1: %2").arg(m_name, reply->errorString()), reply, body);
    } else {
        complete(pending, GateError::None, {}, reply, body);
    }
    Q_EMIT queueChanged(queueLength(), inFlight());
    pump();
}

void ProviderGate::complete(const PendingPtr &pending, GateError error, const QString &message,
                            QNetworkReply *reply, const QByteArray &body)
{
    GateReply *gateReply = pending->reply;
    if (!gateReply || gateReply->m_finished)
        return;
    gateReply->m_finished = true;
    gateReply->m_error = error;
    gateReply->m_errorString = message;
    gateReply->m_attempts = pending->attempts;
    if (reply) {
        gateReply->m_httpStatus
            = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        gateReply->m_body = body;
        gateReply->m_headers = reply->rawHeaderPairs();
    }
    if (error != GateError::None && error != GateError::Cancelled)
        qCInfo(lcGate).noquote() << m_name << gateReply->request().url().path() << message;
    // Always from the event loop: a caller never sees finished() inside its own send() or cancel().
    QMetaObject::invokeMethod(gateReply, &GateReply::finished, Qt::QueuedConnection);
}

} // namespace aime
