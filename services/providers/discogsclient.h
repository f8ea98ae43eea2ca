#pragma once

#include "providers/discogsparser.h"
#include "providers/providerclient.h"

#include <QNetworkRequest>
#include <QUrl>

namespace aime {

// Discogs API v2 through its gate (PROVIDERS.md section 2): identity, releases, the collection
// and the database search, with ProviderClient's request shape.
class DiscogsClient : public ProviderClient
{
    Q_OBJECT

public:
    static constexpr int collectionPageSize = 100;
    static constexpr int searchPageSize = 50;
    // A search a person waits for is retried once on a 5xx, not four times.
    static constexpr int searchRetries = 1;

    DiscogsClient(QNetworkAccessManager *network, QThreadPool *pool, QUrl baseUrl,
                  QObject *parent = nullptr);
    ~DiscogsClient() override;

    // A personal access token; empty for anonymous use (25 requests a minute, no search).
    void setToken(const QString &token);
    bool hasToken() const { return !m_token.isEmpty(); }
    QString token() const { return m_token; }

    GateReply *identity(Handler<DiscogsIdentity> done);
    // Checks `token` with this one request, without installing it: requests meanwhile keep the
    // token in use until Discogs has accepted the new one.
    GateReply *identity(const QString &token, Handler<DiscogsIdentity> done);
    GateReply *release(qint64 releaseId, Handler<Album> done);
    // Folder 0 ("All"), pages counted from 1.
    GateReply *collectionPage(const QString &username, int page, Handler<AlbumListPage> done);
    GateReply *search(const QString &query, int page, Handler<AlbumListPage> done);
    // A cover image Discogs named (its URLs are signed and served only with the token). Only
    // https addresses on discogs.com, or on the API's own host and scheme, are fetched, and a
    // redirect elsewhere loses the token: it goes nowhere else.
    GateReply *image(const QUrl &url, Handler<QByteArray> done);
    bool mayFetchImage(const QUrl &url) const;

    static QByteArray userAgent();

protected:
    QString failureMessage(const GateReply &reply, const QString &providerText) const override;

private:
    QNetworkRequest request(const QString &path, const QList<QPair<QString, QString>> &query) const;

    QUrl m_baseUrl;
    QString m_token;
};

} // namespace aime
