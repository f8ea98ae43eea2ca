#pragma once

#include "providers/gatelimits.h"
#include "providers/gatereply.h"
#include "providers/parseresult.h"

#include <QObject>
#include <QString>

#include <functional>

class QNetworkAccessManager;
class QNetworkRequest;
class QThreadPool;

namespace aime {

class ProviderGate;

// What every provider client shares: its gate, and one way to turn a request into a typed
// result. A request goes through the gate; its answer is parsed on the worker pool; `done` runs
// once on the client's thread with the value or a message a person can act on. The returned
// reply is the request's handle: cancel() it to stop; the client deletes it after `done`.
class ProviderClient : public QObject
{
    Q_OBJECT

public:
    template<typename T> using Handler = std::function<void(const ParseResult<T> &)>;

    ProviderGate *gate() const { return m_gate; }

protected:
    ProviderClient(const QString &name, QNetworkAccessManager *network, QThreadPool *pool,
                   const GateLimits &limits, QObject *parent);
    ~ProviderClient() override;

    // The message for a request the gate could not complete; `providerText` is what the
    // provider's error body says (may be empty).
    virtual QString failureMessage(const GateReply &reply, const QString &providerText) const;

    // parse: any callable from the body bytes to ParseResult<T>; it runs on the pool.
    template<typename T, typename Parse>
    GateReply *send(const QNetworkRequest &request, Parse parse,
                    QString (*providerError)(const QByteArray &), Handler<T> done);
    // The same for a reply already sent, through another of the client's gates or with another
    // verb: parses its answer and calls done.
    // A request the client will not send (e.g. it needs an account nobody connected): done gets
    // `message` from the event loop, like any other failure.
    template<typename T>
    GateReply *refuse(const QNetworkRequest &request, GateError error, const QString &message,
                      Handler<T> done);
    template<typename T, typename Parse>
    GateReply *deliver(GateReply *reply, Parse parse, QString (*providerError)(const QByteArray &),
                       Handler<T> done);

private:
    QThreadPool *m_pool;
    ProviderGate *m_gate;
};

} // namespace aime

#include "providers/providerclient_impl.h"
