#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPair>
#include <QPointer>

namespace aime {

class ProviderGate;

// Who waits for a request (issue 16): a person (a search, adding an album, the details pane,
// one description, covers on screen), or a background job (imports, describe jobs, Fetch
// missing covers). Interactive requests go out first; background ones leave them part of the
// rate and a slot.
enum class GatePriority { Interactive, Background };

enum class GateError {
    None,
    Cancelled,
    Timeout, // no complete answer within the deadline
    Network, // connection refused, reset, TLS failure ... after the retries
    RateLimited, // 429 or 503 after the retries
    Unauthorized, // 401 (after one token refresh, when the gate has a refresher)
    ClientError, // another 4xx: not retried
    ServerError, // 5xx after the retries
};

// The handle ProviderGate::send() returns at once. It finishes exactly once; the caller owns it
// and deletes it (deleteLater() from finished() is fine). Deleting it early cancels the request.
class GateReply : public QObject
{
    Q_OBJECT

public:
    ~GateReply() override;

    bool isFinished() const { return m_finished; }
    GateError error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    int httpStatus() const { return m_httpStatus; }
    const QByteArray &body() const { return m_body; }
    QByteArray rawHeader(const QByteArray &name) const;
    int attempts() const { return m_attempts; }
    QNetworkRequest request() const { return m_request; }

    // Idempotent; a finished reply stays as it is.
    void cancel();
    // Takes effect while the request waits in its gate's queue (a job's request that a person
    // now waits for, say); one already sent keeps its place.
    void setPriority(GatePriority priority);

Q_SIGNALS:
    void finished();

private:
    friend class ProviderGate;
    GateReply(ProviderGate *gate, const QNetworkRequest &request);

    QPointer<ProviderGate> m_gate;
    QNetworkRequest m_request;
    bool m_finished = false;
    GateError m_error = GateError::None;
    QString m_errorString;
    int m_httpStatus = 0;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    int m_attempts = 0;
};

} // namespace aime
