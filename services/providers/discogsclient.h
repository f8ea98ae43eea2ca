#pragma once

#include "providers/discogsparser.h"
#include "providers/gatereply.h"
#include "providers/parseresult.h"

#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QThreadPool;

namespace aime {

class ProviderGate;

// Discogs API v2 through its gate (PROVIDERS.md section 2): identity, releases, the collection
// and the database search. Answers are parsed on the worker pool; `done` runs once on the
// client's thread with the result or a message a person can act on. The returned reply is the
// request's handle: cancel() it to stop; the client deletes it after `done` has run.
class DiscogsClient : public QObject
{
    Q_OBJECT

public:
    template<typename T> using Handler = std::function<void(const ParseResult<T> &)>;

    static constexpr int collectionPageSize = 100;

    DiscogsClient(QNetworkAccessManager *network, QThreadPool *pool, QUrl baseUrl,
                  QObject *parent = nullptr);
    ~DiscogsClient() override;

    // A personal access token; empty for anonymous use (25 requests a minute, no search).
    void setToken(const QString &token);
    bool hasToken() const { return !m_token.isEmpty(); }
    ProviderGate *gate() const { return m_gate; }

    GateReply *identity(Handler<DiscogsIdentity> done);
    GateReply *release(qint64 releaseId, Handler<Album> done);
    // Folder 0 ("All"), pages counted from 1.
    GateReply *collectionPage(const QString &username, int page, Handler<AlbumListPage> done);
    GateReply *search(const QString &query, int page, Handler<AlbumListPage> done);

    static QByteArray userAgent();

private:
    QNetworkRequest request(const QString &path, const QList<QPair<QString, QString>> &query) const;
    template<typename T>
    GateReply *send(const QNetworkRequest &request, ParseResult<T> (*parse)(const QByteArray &),
                    Handler<T> done);

    QThreadPool *m_pool;
    QUrl m_baseUrl;
    QString m_token;
    ProviderGate *m_gate;
};

} // namespace aime
