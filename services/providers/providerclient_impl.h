#pragma once

// The template part of ProviderClient, included at the end of providerclient.h.

#include "core/futurecallback.h"
#include "providers/providergate.h"

#include <QtConcurrent>

namespace aime {

template<typename T, typename Parse>
GateReply *ProviderClient::send(const QNetworkRequest &request, Parse parse,
                                QString (*providerError)(const QByteArray &), Handler<T> done)
{
    return deliver<T>(m_gate->get(request), parse, providerError, std::move(done));
}

template<typename T>
GateReply *ProviderClient::refuse(const QNetworkRequest &request, GateError error,
                                  const QString &message, Handler<T> done)
{
    return deliver<T>(
        m_gate->refuse(request, error, message),
        [](const QByteArray &) { return ParseResult<T>::failure({}); },
        [](const QByteArray &) { return QString(); }, std::move(done));
}

template<typename T, typename Parse>
GateReply *ProviderClient::deliver(GateReply *reply, Parse parse,
                                   QString (*providerError)(const QByteArray &), Handler<T> done)
{
    // The client deletes the reply once `done` ran; one still pending when the client goes
    // away (AIME quitting mid-import) goes with it.
    reply->setParent(this);
    connect(reply, &GateReply::finished, this,
            [this, reply, parse, providerError, done = std::move(done)] {
                if (reply->error() != GateError::None) {
                    ParseResult<T> failed = ParseResult<T>::failure(
                        failureMessage(*reply, providerError(reply->body())));
                    failed.httpStatus = reply->httpStatus();
                    failed.timedOut = reply->error() == GateError::Timeout;
                    done(failed);
                    reply->deleteLater();
                    return;
                }
                // A page of results is parsed off the GUI thread.
                const QByteArray body = reply->body();
                onFinished(QtConcurrent::run(m_pool, [parse, body] { return parse(body); }), reply,
                           [reply, done](const ParseResult<T> &result) {
                               done(result);
                               reply->deleteLater();
                           });
            });
    return reply;
}

} // namespace aime
