#pragma once

#include "providers/gatelimits.h"
#include "providers/gatereply.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QSemaphore>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace aime {

// Every request to one provider goes through its gate (DESIGN.md section 3). The gate never
// blocks a thread: requests wait in a queue and go out when a QSemaphore slot is free
// (tryAcquire) and the moving window allows. It waits out 429/503 (Retry-After, else backoff),
// retries 5xx and network errors with exponential backoff and jitter, refreshes a token once on
// 401, and gives every request a deadline for the whole exchange.
class ProviderGate : public QObject
{
    Q_OBJECT

public:
    // Adds credentials to a request just before it is sent (again after a token refresh).
    using Authorizer = std::function<void(QNetworkRequest &)>;
    // Gets a new token, then calls done with an empty text when requests may go out with it, or
    // with what went wrong (a sentence a person can act on).
    using TokenRefresher = std::function<void(std::function<void(const QString &problem)> done)>;
    // Whether the credentials the authorizer adds are usable now (e.g. a token that has not
    // expired); when not, the gate refreshes them before sending anything.
    using CredentialsCheck = std::function<bool()>;
    // Whether credentials may go to an address a redirect leads to on another origin; without
    // one they never do.
    using CredentialScope = std::function<bool(const QUrl &)>;
    // A request attribute (int) that overrides GateLimits::maxRetries for that request: a
    // search a person waits for fails fast rather than retrying a 5xx for half a minute.
    static constexpr QNetworkRequest::Attribute maxRetriesAttribute
        = QNetworkRequest::Attribute(QNetworkRequest::User + 1);
    // A request attribute (int, GatePriority) for a request that knows who waits for it; without
    // it a request is interactive, and GateReply::setPriority() changes it while it waits.
    static constexpr QNetworkRequest::Attribute priorityAttribute
        = QNetworkRequest::Attribute(QNetworkRequest::User + 3);
    // Of a window of `requestsPerWindow`, how many background requests leave to interactive
    // ones that have not come yet: a tenth (6 of Discogs' 60 a minute), none when the window
    // holds a single request. Interactive requests in the window count against it.
    static int reservedForInteractive(int requestsPerWindow);

    ProviderGate(QString name, QNetworkAccessManager *network, GateLimits limits,
                 QObject *parent = nullptr);
    ~ProviderGate() override;

    const QString &name() const { return m_name; }
    const GateLimits &limits() const { return m_limits; }
    // A new rate, e.g. when an account gains a token; requests in the window still count.
    void setRate(int requestsPerWindow, std::chrono::milliseconds window);
    void setAuthorizer(Authorizer authorizer) { m_authorizer = std::move(authorizer); }
    void setTokenRefresher(TokenRefresher refresher) { m_refresher = std::move(refresher); }
    void setCredentialsCheck(CredentialsCheck check) { m_credentialsReady = std::move(check); }
    void setCredentialScope(CredentialScope scope) { m_credentialScope = std::move(scope); }
    // A reply that has already failed with `error`, for a request a client refuses to send
    // (e.g. one that needs an account nobody connected). It finishes from the event loop.
    GateReply *refuse(const QNetworkRequest &request, GateError error, const QString &message);

    GateReply *get(const QNetworkRequest &request);
    GateReply *send(const QByteArray &verb, const QNetworkRequest &request,
                    const QByteArray &body = {});
    // Cancels everything queued and in flight.
    void cancelAll();

    int queueLength() const { return int(m_queue.size()); }
    int inFlight() const { return int(m_inFlight.size()); }
    int maxInFlightSeen() const { return m_maxInFlightSeen; }
    // How many send times the gate keeps for its moving window (a test checks it stays bounded).
    int trackedSendTimes() const { return int(m_sentAt.size()); }
    // How long the next request will wait for the rate limit or a Retry-After; 0 when none.
    qint64 currentWaitMs() const;

Q_SIGNALS:
    void queueChanged(int queued, int inFlight);
    // The provider asked us to slow down (429/503, or its remaining count hit 0).
    void rateLimited(qint64 waitMs);

private:
    struct Pending
    {
        QPointer<GateReply> reply;
        QByteArray verb;
        QNetworkRequest request;
        QByteArray body;
        qint64 notBeforeMs = 0;
        qint64 deadlineMs = 0; // of the attempt, redirects included
        // A request that carries credentials has its redirects followed by the gate, so they
        // never reach another origin.
        QNetworkRequest::RedirectPolicy redirectPolicy = QNetworkRequest::NoLessSafeRedirectPolicy;
        QUrl hopUrl; // where a redirect to another origin leads; empty on the first hop
        QUrl currentUrl; // of the reply in flight, followed through same-origin redirects
        QUrl redirectTo; // set while the hop it ends is aborted
        QString redirectRefused;
        int redirectsLeft = 0;
        int attempts = 0;
        int rateLimitedAttempts = 0;
        int credentialGeneration = 0; // of the credentials its last attempt carried
        bool refreshed = false;
        bool cancelled = false;
        bool timedOut = false;
        bool background = false;
    };
    using PendingPtr = std::shared_ptr<Pending>;

    void pump();
    void schedulePump(qint64 delayMs);
    void dispatch(const PendingPtr &pending);
    void onRedirected(QNetworkReply *reply, const PendingPtr &pending, const QUrl &url);
    void onReplyFinished(QNetworkReply *reply);
    void retryLater(const PendingPtr &pending, qint64 delayMs, bool front);
    void complete(const PendingPtr &pending, GateError error, const QString &message,
                  QNetworkReply *reply = nullptr, const QByteArray &body = {});
    void cancelReply(GateReply *reply);
    void reprioritize(GateReply *reply, GatePriority priority);
    // How long background requests must still wait for their share of the window (or a pause
    // the provider's remaining count asked of them); 0 when one may go now.
    qint64 backgroundWaitMs(qint64 now) const;
    int backgroundInFlight() const;
    int backgroundSlots() const;
    // Refills the background bucket to `now`; returns the tokens it holds.
    double backgroundTokens(qint64 now) const;
    qint64 backoffMs(int attempt) const;
    qint64 windowMarginMs() const;
    void pruneWindow(qint64 now);
    bool credentialsNeedRefresh() const;
    void startRefresh();

    friend class GateReply;

    QString m_name;
    QNetworkAccessManager *m_network;
    GateLimits m_limits;
    Authorizer m_authorizer;
    TokenRefresher m_refresher;
    CredentialsCheck m_credentialsReady;
    CredentialScope m_credentialScope;
    bool m_refreshing = false;
    bool m_credentialsStale = false;
    int m_credentialGeneration = 0;
    QSemaphore m_slots;
    QElapsedTimer m_clock;
    QTimer m_pumpTimer;
    std::deque<PendingPtr> m_queue;
    QHash<QNetworkReply *, PendingPtr> m_inFlight;
    std::deque<qint64> m_sentAt;
    std::deque<qint64> m_interactiveSentAt; // the part of m_sentAt a person waited for
    qint64 m_pausedUntilMs = 0; // every request waits (a 429, or nothing remaining)
    qint64 m_backgroundPausedUntilMs = 0; // background waits: only the reserve remains
    // Background requests are paced: a burst of half their share, then evenly over the window,
    // so the window never fills with a job's burst that a person's requests must wait out.
    mutable double m_backgroundTokens = -1; // -1: full, set at the first use
    mutable qint64 m_backgroundTokensAtMs = 0;
    int m_maxInFlightSeen = 0;
};

} // namespace aime
